print("nf")
