machine { image = "pmfw", timeline = { "vcd", "txt" } }
