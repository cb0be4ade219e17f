machine { image = "no-such-image.elf" }
