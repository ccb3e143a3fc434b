print("traildeck")
