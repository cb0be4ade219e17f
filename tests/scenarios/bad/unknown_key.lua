machine { image = "hello", cofig = "mcu" }
