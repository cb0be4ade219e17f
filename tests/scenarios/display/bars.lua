-- What the panel shows of pmfw's fbtest, read back through the PL111's
-- picture (display_pixel): nothing while blanked, the eight bars once
-- drawn, nothing again once blanked.
machine { image = "pmfw", args = "quiet" }
expect("# ", "2 s")
assert(display_pixel(0, 0) == nil, "the panel shows something at boot")
uart_send("fbtest\n")
expect("fb0: 320x240 bars\n", "2 s")
local bars = {
	{ 255, 255, 255 }, { 255, 255, 0 }, { 0, 255, 255 }, { 0, 255, 0 },
	{ 255, 0, 255 }, { 255, 0, 0 }, { 0, 0, 255 }, { 0, 0, 0 },
}
for i, want in ipairs(bars) do
	for _, x in ipairs { (i - 1) * 40, (i - 1) * 40 + 39 } do
		for _, y in ipairs { 0, 120, 239 } do
			local r, g, b = display_pixel(x, y)
			assert(r == want[1] and g == want[2] and b == want[3],
			       string.format("(%d, %d) is %s %s %s, bar %d wants %d %d %d", x, y,
					     r, g, b, i, want[1], want[2], want[3]))
		end
	end
end
uart_send("echo 1 > /sys/class/graphics/fb0/blank\n")
expect("# ", "1 s")
run_for("50 ms")
assert(display_pixel(0, 0) == nil, "the panel still shows something once blanked")
