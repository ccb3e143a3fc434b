print("traildeck-bench")
