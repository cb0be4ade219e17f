machine { image = "hello" }
expect("Goodbye", "10 ms")
