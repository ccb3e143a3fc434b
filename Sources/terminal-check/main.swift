print("terminal-check")
