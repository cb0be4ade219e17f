#!/bin/sh
# Make the malformed input files the bad-input tests feed to pmsim.
#   make_bad_inputs.sh OUTDIR GOOD.elf CONFIGS-DIR
set -eu
out=$1 good=$2 configs=$3
rm -rf "$out"
mkdir -p "$out"
printf 'this is not an ELF file at all\n' >"$out/garbage.elf"
: >"$out/empty.elf"
head -c 40 "$good" >"$out/header-only.elf"
size=$(wc -c <"$good")
head -c $((size / 3)) "$good" >"$out/truncated.elf"
# Same image, e_machine (offset 18) patched to 3 (x86).
cp "$good" "$out/wrong-machine.elf"
printf '\003\000' | dd of="$out/wrong-machine.elf" bs=1 seek=18 conv=notrunc 2>/dev/null
# EI_CLASS (offset 4) patched to ELFCLASS64.
cp "$good" "$out/class64.elf"
printf '\002' | dd of="$out/class64.elf" bs=1 seek=4 conv=notrunc 2>/dev/null
# e_type (offset 16) patched to ET_REL.
cp "$good" "$out/relocatable.elf"
printf '\001\000' | dd of="$out/relocatable.elf" bs=1 seek=16 conv=notrunc 2>/dev/null
# ELF headers that libelf refuses without saying why, or accepts wrongly.
patch_elf() { # NAME OFFSET BYTES (printf escapes)
	cp "$good" "$out/$1"
	printf "$3" | dd of="$out/$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
patch_elf ei-version.elf 6 '\002'
patch_elf e-version.elf 20 '\002\000\000\000'
patch_elf phnum-huge.elf 44 '\377\177'
patch_elf phnum-xnum.elf 44 '\377\377'
patch_elf phentsize.elf 42 '\020\000'
patch_elf shentsize.elf 46 '\020\000'
# The symbol table's sh_entsize (offset 36 of its section header) set to 0.
shoff=$(od -An -tu4 -j32 -N4 "$good" | tr -d ' ')
shnum=$(od -An -tu2 -j48 -N2 "$good" | tr -d ' ')
i=0
while [ $i -lt "$shnum" ]; do
	sh=$((shoff + 40 * i))
	if [ "$(od -An -tu4 -j$((sh + 4)) -N4 "$good" | tr -d ' ')" = 2 ]; then
		patch_elf symentsize.elf $((sh + 36)) '\000\000\000\000'
	fi
	i=$((i + 1))
done
# Inputs that are not regular files: a FIFO would block, a directory is
# not a file; the same rule for every input.
mkfifo "$out/fifo.elf" "$out/fifo.dts" "$out/fifo.txt"
mkdir "$out/dir.elf" "$out/dir.dtb" "$out/dir.txt"
cat >"$out/broken.dts" <<'DTS'
/dts-v1/;
/ {
	model = "broken";
	cpus {
		cpu@0 { device_type = "cpu" compatible = "arm,cortex-m3"; };
	};
};
DTS
cat >"$out/nocpu.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <1>;
	#size-cells = <1>;
	memory@20000000 { device_type = "memory"; reg = <0x20000000 0x100000>; };
};
DTS
cat >"$out/badirq.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <1>;
	#size-cells = <1>;
	cpus {
		#address-cells = <1>;
		#size-cells = <0>;
		cpu@0 { device_type = "cpu"; compatible = "arm,cortex-m3"; reg = <0>;
			clock-frequency = <1000000>; };
	};
	memory@20000000 { device_type = "memory"; reg = <0x20000000 0x100000>; };
	nvic { compatible = "arm,armv7m-nvic"; pmsim,num-irqs = <8>; };
	serial@40004000 { compatible = "arm,pl011"; reg = <0x40004000 0x1000>; interrupts = <9>; };
};
DTS
printf 'not a dtb' >"$out/garbage.dtb"
# A config whose memory does not cover the image (flash missing).
cat >"$out/noflash.dts" <<'DTS'
/dts-v1/;
/ {
	#address-cells = <1>;
	#size-cells = <1>;
	cpus {
		#address-cells = <1>;
		#size-cells = <0>;
		cpu@0 { device_type = "cpu"; compatible = "arm,cortex-m3"; reg = <0>;
			clock-frequency = <1000000>; };
	};
	memory@20000000 { device_type = "memory"; reg = <0x20000000 0x400000>; };
};
DTS
# The default SoC with one mistake in its power architecture each.
pm_bad() {
	printf '/include/ "%s/default.dts"\n%s\n' "$configs" "$2" >"$out/$1"
}
pm_bad pm-idle-mode.dts '&core_ret { pmsim,idle-mode = "nap"; };'
pm_bad pm-opp-order.dts '/ { opp-table { opp-100000000 { opp-hz = /bits/ 64 <10000000>; }; }; };'
pm_bad pm-cpu-supply.dts '&cpu0 { cpu-supply = <&osc24m>; };'
pm_bad pm-pll-range.dts '&cmu { pll0@0 { pmsim,min-hz = <500000000>; }; };'
pm_bad pm-domain-supply.dts '&pmu { pmsim,domain-supplies = <&vdd_core &osc24m>; };'
pm_bad pm-rail-setpoint.dts '&vdd_core { pmsim,microvolt = <1300000>; };'
pm_bad pm-domain-phandle.dts '&timer0 { power-domains = <0x999 1>; };'
pm_bad pm-domain-provider.dts '&timer0 { power-domains = <&cpu0 1>; };'
pm_bad pm-domain-index.dts '&timer0 { power-domains = <&pmu 9>; };'
pm_bad pm-domain-memory.dts '&dram { power-domains = <&pmu 4>; };'
pm_bad pm-domain-counts.dts '&pmu { pmsim,domain-supplies = <&vdd_core &vdd_io &vdd_mem>; };'
pm_bad pm-domain-leakage.dts '&pmu { pmsim,domain-leakage-microwatt = <1 2 3 4 5>; };'
pm_bad pm-opp-table.dts '&cpu0 { operating-points-v2 = <&wfi>; };'
pm_bad pm-opp-empty.dts '/ { opp_empty: opp-empty { compatible = "operating-points-v2"; }; };
&cpu0 { operating-points-v2 = <&opp_empty>; };'
pm_bad pm-opp-voltage.dts '&cpu_opp_table { opp-400000000 { opp-microvolt = <1300000>; }; };'
pm_bad pm-two-dramc.dts '/ { soc { memory-controller@40024000 { compatible = "pmsim,lpddr-controller";
	reg = <0x40024000 0x1000>; pmsim,memory = <&dram>; }; }; };'
pm_bad pm-core-clock-0.dts '&osc25m { clock-frequency = <0>; };'
pm_bad pm-core-clock-fast.dts '&osc25m { clock-frequency = <0xffffffff>; };'
# Register windows and memories: the node at fault and the one reason.
pm_bad region-misaligned.dts '&uart0 { reg = <0x40004800 0x1000>; };'
pm_bad region-overlap.dts '&timer0 { reg = <0x40004000 0x1000>; };'
pm_bad region-mem-base.dts '&aon_sram { reg = <0x30000100 0x2000>; };'
pm_bad region-mem-size.dts '&aon_sram { reg = <0x30000000 0x2100>; };'
pm_bad region-mem-overlap.dts '&aon_sram { reg = <0x203ff000 0x2000>; };'
pm_bad region-boot-rom.dts '&aon_sram { reg = <0x1fff0000 0x10000>; };'
