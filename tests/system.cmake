# System tests: pmsim run end to end on guest images, the command line,
# and bad input. Guest images come from the firmware build.
set(FW ${PMSIM_FIRMWARE_DIR})
set(SCRIPTS ${CMAKE_CURRENT_SOURCE_DIR}/scripts)
set(EXPECT ${SCRIPTS}/expect_run.sh)
set(PMSIM $<TARGET_FILE:pmsim>)
set(BAD ${CMAKE_CURRENT_BINARY_DIR}/bad)

function(expect name status out err)
  add_test(NAME ${name} COMMAND ${EXPECT} ${status} ${out} ${err} -- ${ARGN})
endfunction()

if(PMSIM_FIRMWARE)
  # --- the hello image, and agreement with QEMU --------------------------------
  expect(guest.hello 0
    "=Hello from pmsim guest firmware!\nfib(90) = 2880067194370816120, /7 = 411438170624402302\nlongjmp returned 42\n"
    "=" ${PMSIM} run ${FW}/hello/hello.elf)
  # --- the second SoC: a small MCU (configs/mcu.dts) ------------------------------
  # The same program for its memory layout runs, and its report is that of
  # a different machine: its own SoC, three OPPs, no DRAM.
  expect(guest.mcu.hello 0
    "=Hello from pmsim guest firmware!\nfib(90) = 2880067194370816120, /7 = 411438170624402302\nlongjmp returned 42\n"
    "%SoC:             pmsim small MCU"
    ${PMSIM} run --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts --summary ${FW}/hello/hello_mcu.elf)
  expect(guest.mcu.no_dram 0 - "%DRAM: none"
    ${PMSIM} run --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts --summary ${FW}/hello/hello_mcu.elf)
  expect(guest.mcu.opps 0 - "%  2          80.000    1200          0 ps    0.0 %         0"
    ${PMSIM} run --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts --summary ${FW}/hello/hello_mcu.elf)
  # An image laid out for the default SoC's 4 MiB of SRAM does not fit
  # the MCU: its first stacking fails, and the core locks up.
  expect(guest.mcu.wrong_layout 125 - "~bus error while stacking"
    ${PMSIM} run --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts ${FW}/hello/hello.elf)

  find_program(QEMU_ARM qemu-system-arm)
  if(QEMU_ARM)
    foreach(img hello/hello tests/sh_exit tests/bus_fault)
      string(REPLACE "/" "." tname ${img})
      add_test(NAME qemu.${tname} COMMAND ${SCRIPTS}/compare_qemu.sh ${PMSIM} ${FW}/${img}.elf)
    endforeach()
    add_test(NAME qemu.newlib_hello
      COMMAND ${SCRIPTS}/compare_qemu.sh ${PMSIM} ${FW}/tests/newlib/newlib_hello.elf one two)
    add_test(NAME qemu.sh_exit_args
      COMMAND ${SCRIPTS}/compare_qemu.sh ${PMSIM} ${FW}/tests/sh_exit.elf x 9)
  endif()

  # --- semihosting -----------------------------------------------------------------
  expect(guest.sh_exit.streams 7
    "=stdout: argc=3 [${FW}/tests/sh_exit.elf] [7]\n" "=stderr: hello\n"
    ${PMSIM} run ${FW}/tests/sh_exit.elf -- 7)
  expect(guest.sh_exit.zero 0 "~stdout: argc=2" "=stderr: hello\n"
    ${PMSIM} run ${FW}/tests/sh_exit.elf)
  expect(guest.sh_calls 0 "~all checks passed" "=" ${PMSIM} run ${FW}/tests/sh_calls.elf)
  add_test(NAME guest.sh_files COMMAND ${SCRIPTS}/sh_files.sh ${PMSIM} ${FW}/tests/sh_files.elf)
  expect(guest.sh_files.no_root 1 "-" "-" ${PMSIM} run ${FW}/tests/sh_files.elf)
  expect(guest.bus_fault 1 "~ARM fault: hardfault" "-" ${PMSIM} run ${FW}/tests/bus_fault.elf)
  # The device tree handed to the guest (docs/boot.md): r0-r2 at reset, the
  # DTB in the boot ROM with the guest's arguments as /chosen/bootargs.
  expect(guest.boot_dtb 0 "~boot dtb: all checks passed" "="
    ${PMSIM} run ${FW}/tests/boot_dtb.elf -- alpha beta gamma)
  expect(guest.boot_dtb.mcu 0 "~model \"pmsim small MCU\", bootargs \"\"" "="
    ${PMSIM} run --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts ${FW}/tests/boot_dtb_mcu.elf)
  expect(cli.info.boot_rom 0 "~0x1fffc000 0x1fffffff 16384      boot ROM: the guest's DTB (r2)" "="
    ${PMSIM} info)

  add_test(NAME guest.uart_echo COMMAND ${SCRIPTS}/uart.sh ${PMSIM} ${FW}/tests/uart_echo.elf)

  # --- the exception model from the inside -----------------------------------------
  expect(guest.exc_priority 0 "~priority tests passed" "=" ${PMSIM} run ${FW}/tests/exc/exc_priority.elf)
  expect(guest.exc_pendsv 0 "~pendsv tests passed" "=" ${PMSIM} run ${FW}/tests/exc/exc_pendsv.elf)
  expect(guest.exc_faults 0 "~fault tests passed" "=" ${PMSIM} run ${FW}/tests/exc/exc_faults.elf)
  expect(guest.systick_wfi 0 "~systick tests passed" "=" ${PMSIM} run ${FW}/tests/exc/systick_wfi.elf)
  expect(guest.exc_lockup 125 "=about to fault twice\n"
    "~locked up: HardFault while in HardFault handler (exception 3): undefined instruction at 0x"
    ${PMSIM} run ${FW}/tests/exc/exc_lockup.elf)
  if(QEMU_ARM)
    # exc_faults is not compared: QEMU 7.2 does not trap unaligned LDR when
    # CCR.UNALIGN_TRP is set (docs/guest-tests.md); lockup aborts QEMU.
    foreach(t exc_priority exc_pendsv)
      add_test(NAME qemu.exc.${t} COMMAND ${SCRIPTS}/compare_qemu.sh ${PMSIM} ${FW}/tests/exc/${t}.elf)
    endforeach()
  endif()

  # --- limits and a guest that can never wake -----------------------------------
  expect(cli.until 124 "-" "~time limit reached" ${PMSIM} run --until 10ms ${FW}/tests/spin.elf)
  expect(cli.until.summary 124 "-" "~simulated time  0.0100000"
    ${PMSIM} run --stats --until=10ms ${FW}/tests/spin.elf)
  expect(cli.max_insns 124 "-" "%  instructions    1000"
    ${PMSIM} run --stats --max-insns 1000 ${FW}/tests/spin.elf)
  # Exact on both timing models, also when the Cortex-M7 dual-issues.
  expect(cli.max_insns.m7 124 "-" "%  instructions    5000001"
    ${PMSIM} run --stats --max-insns 5000001 ${FW}/bench/bench_loop.elf)
  expect(cli.max_insns.m3 124 "-" "%  instructions    5000001"
    ${PMSIM} run --stats --config ${PROJECT_BINARY_DIR}/configs/m3.dtb --max-insns 5000001
    ${FW}/bench/bench_loop.elf)
  expect(guest.asleep_forever 126 "-" "~nothing is scheduled" ${PMSIM} run ${FW}/tests/sleep_forever.elf)

  # --- input and output files, signals -------------------------------------------
  foreach(c symlink fifo device stdout refused inputs precheck stdout-error limits)
    add_test(NAME io.${c} COMMAND ${SCRIPTS}/io_files.sh ${c} ${PMSIM} ${FW})
    set_tests_properties(io.${c} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
  endforeach()
  find_program(PYTHON3 python3)
  if(PYTHON3)
    foreach(c dtc-int dtc-term run-int run-term run-int-twice sigpipe)
      add_test(NAME io.signal.${c} COMMAND ${PYTHON3} ${SCRIPTS}/io_signals.py ${c} ${PMSIM} ${FW}
        ${PROJECT_SOURCE_DIR}/configs)
      set_tests_properties(io.signal.${c} PROPERTIES TIMEOUT 150)
    endforeach()
  endif()

  expect(cli.stats 0 "-" "~  stall cycles    " ${PMSIM} run --stats ${FW}/hello/hello.elf)
  expect(cli.stats.caches 0 "-" "~  D-cache         " ${PMSIM} run --stats ${FW}/hello/hello.elf)
  add_test(NAME determinism.hello COMMAND ${SCRIPTS}/determinism.sh ${PMSIM} ${FW}/hello/hello.elf)
  add_test(NAME determinism.spin
    COMMAND ${SCRIPTS}/determinism.sh ${PMSIM} ${FW}/tests/spin.elf --until 3ms)

  # --- configs -------------------------------------------------------------------------
  expect(cli.config.dts 0 "~longjmp returned 42" "-"
    ${PMSIM} run --config ${PROJECT_SOURCE_DIR}/configs/default.dts ${FW}/hello/hello.elf)
  expect(cli.config.dtb 0 "~longjmp returned 42" "-"
    ${PMSIM} run --config ${PROJECT_BINARY_DIR}/configs/default.dtb ${FW}/hello/hello.elf)

  # --- bad input: one message naming the file, status 1..123, no output file ----------
  add_test(NAME bad.setup COMMAND ${SCRIPTS}/make_bad_inputs.sh ${BAD} ${FW}/hello/hello.elf
    ${PROJECT_SOURCE_DIR}/configs)
  set_tests_properties(bad.setup PROPERTIES FIXTURES_SETUP bad_inputs)
  set(bad_tests)
  set(bad_cases
    "garbage.elf|not an ELF file"
    "empty.elf|not an ELF file"
    "header-only.elf|truncated ELF header"
    "truncated.elf|section headers past the end of the file (truncated?)"
    "wrong-machine.elf|not an ARM ELF"
    "class64.elf|not a 32-bit ELF"
    "relocatable.elf|not an executable ELF"
    "missing.elf|cannot open"
    "ei-version.elf|unknown ELF version 2 in e_ident"
    "e-version.elf|unknown ELF version 2 in e_version (must be 1)"
    "phnum-huge.elf|program headers (32767 at offset 0x34) past the end of the file"
    "phnum-xnum.elf|e_phnum is PN_XNUM (0xffff): extended program header numbering is not supported"
    "phentsize.elf|e_phentsize is 16"
    "shentsize.elf|e_shentsize is 16"
    "symentsize.elf|symbol table (section 19) has entries of 0 bytes")
  foreach(c ${bad_cases})
    string(REPLACE "|" ";" parts "${c}")
    list(GET parts 0 file)
    list(GET parts 1 msg)
    expect(bad.elf.${file} bad "=" "~${BAD}/${file}: ${msg}"
      ${PMSIM} run --uart-out ${BAD}/${file}.uart ${BAD}/${file})
    set_tests_properties(bad.elf.${file} PROPERTIES FIXTURES_REQUIRED bad_inputs)
    list(APPEND bad_tests bad.elf.${file})
  endforeach()
  set(bad_configs
    "broken.dts|device tree does not compile"
    "nocpu.dts|no /cpus node"
    "badirq.dts|interrupt 9 does not exist"
    "garbage.dtb|not a device tree blob"
    "noflash.dts|does not fit the SoC's memory"
    "missing.dts|cannot open")
  foreach(c ${bad_configs})
    string(REPLACE "|" ";" parts "${c}")
    list(GET parts 0 file)
    list(GET parts 1 msg)
    if(file STREQUAL "noflash.dts")
      set(where "${FW}/hello/hello.elf")
    else()
      set(where "${BAD}/${file}")
    endif()
    expect(bad.config.${file} bad "=" "~${where}: "
      ${PMSIM} run --uart-out ${BAD}/${file}.uart --config ${BAD}/${file} ${FW}/hello/hello.elf)
    set_tests_properties(bad.config.${file} PROPERTIES FIXTURES_REQUIRED bad_inputs)
    list(APPEND bad_tests bad.config.${file})
  endforeach()
  # Inputs that are not regular files: one rule (status 66) for the image,
  # the device tree and the UART input, and never a read that blocks (a
  # FIFO) or does not end (a device). The timeout only ends a hang.
  # (Messages are "FILE: is a KIND; pmsim reads only regular files".)
  set(bad_kinds
    "fifo.elf|a FIFO"
    "dir.elf|a directory"
    "fifo.dts|a FIFO|--config"
    "dir.dtb|a directory|--config"
    "fifo.txt|a FIFO|--uart-in"
    "dir.txt|a directory|--uart-in")
  foreach(c ${bad_kinds})
    string(REPLACE "|" ";" parts "${c}")
    list(GET parts 0 file)
    list(GET parts 1 kind)
    if(file MATCHES "\\.elf$")
      set(args ${BAD}/${file})
    else()
      list(GET parts 2 opt)
      set(args ${opt} ${BAD}/${file} ${FW}/hello/hello.elf)
    endif()
    expect(bad.kind.${file} 66 "=" "~pmsim: ${BAD}/${file}: is ${kind}"
      ${PMSIM} run --uart-out ${BAD}/${file}.uart ${args})
    set_tests_properties(bad.kind.${file} PROPERTIES FIXTURES_REQUIRED bad_inputs TIMEOUT 30)
    list(APPEND bad_tests bad.kind.${file})
  endforeach()
  expect(bad.kind.device 66 "=" "~pmsim: /dev/null: is a character device" ${PMSIM} run /dev/null)
  # Mistakes in the power architecture: one message naming node and property.
  set(bad_pm
    "pm-idle-mode.dts|/cpus/idle-states/retention: 'pmsim,idle-mode' is \"nap\""
    "pm-opp-order.dts|/opp-table/opp-100000000: operating points must be in increasing frequency order"
    "pm-cpu-supply.dts|/cpus/cpu@0: 'cpu-supply' (phandle"
    "pm-pll-range.dts|/soc/clock-controller@40020000/pll0@0: 'pmsim,min-hz' (500000000) is above"
    "pm-domain-supply.dts|/soc/power-controller@40022000: 'pmsim,domain-supplies' entry 1 is not a regulator"
    "pm-rail-setpoint.dts|/soc/pmic@40021000/regulators/buck1: 'pmsim,microvolt' (1300000) is outside"
    "pm-domain-phandle.dts|/soc/timer@40005000: 'power-domains' (phandle 2457) names no node"
    "pm-domain-provider.dts|/soc/timer@40005000: 'power-domains' names /cpus/cpu@0, which is not an enabled power-management unit (pmsim,pmu)"
    "pm-domain-index.dts|/soc/timer@40005000: 'power-domains' names domain 9 of /soc/power-controller@40022000, which has 4"
    "pm-domain-memory.dts|/memory@60000000: 'power-domains' names domain 4 of /soc/power-controller@40022000, which has 4"
    "pm-domain-counts.dts|/soc/power-controller@40022000: 'pmsim,domain-supplies' has 3 entries but 'pmsim,domain-names' names 4 domains"
    "pm-domain-leakage.dts|/soc/power-controller@40022000: 'pmsim,domain-leakage-microwatt' has 5 entries but 'pmsim,domain-names' names 4 domains"
    "pm-opp-table.dts|/cpus/cpu@0: 'operating-points-v2' names /cpus/idle-states/wfi, which is not an OPP table"
    "pm-opp-empty.dts|/opp-empty: the OPP table has no operating points"
    "pm-opp-voltage.dts|/opp-table/opp-400000000: 'opp-microvolt' (1300000) is outside 800000-1200000 uV, the range of the core's supply vdd_core"
    "pm-two-dramc.dts|/soc/memory-controller@40024000: 'pmsim,memory' names /memory@60000000, which /soc/memory-controller@40023000 already controls"
    "pm-core-clock-0.dts|/cpus/cpu@0: its clock cpu_clk runs at 0 Hz at reset"
    "pm-core-clock-fast.dts|/cpus/cpu@0: its clock cpu_clk runs at 4294967295 Hz at reset, above 2000000000 Hz"
    "region-misaligned.dts|/soc/serial@40004000: registers at 0x40004800 are not 4 KiB aligned"
    "region-overlap.dts|/soc/timer@40005000: registers 0x40004000-0x40004fff overlap /soc/serial@40004000 (0x40004000-0x40004fff)"
    "region-mem-base.dts|/sram@30000000: memory 0x30000100+0x2000: its base is not a multiple of 4 KiB"
    "region-mem-size.dts|/sram@30000000: memory 0x30000000+0x2100: its size is not a multiple of 4 KiB"
    "region-mem-overlap.dts|/sram@30000000: memory 0x203ff000-0x20400fff overlaps /memory@20000000 (0x20000000-0x203fffff)"
    "region-boot-rom.dts|the boot ROM that holds the guest's device tree (0x1fffc000-0x1fffffff) overlaps /sram@30000000 (0x1fff0000-0x1fffffff)")
  foreach(c ${bad_pm})
    string(REPLACE "|" ";" parts "${c}")
    list(GET parts 0 file)
    list(GET parts 1 msg)
    expect(bad.config.${file} bad "=" "~${BAD}/${file}: ${msg}"
      ${PMSIM} run --uart-out ${BAD}/${file}.uart --report ${BAD}/${file}.json
      --config ${BAD}/${file} ${FW}/hello/hello.elf)
    set_tests_properties(bad.config.${file} PROPERTIES FIXTURES_REQUIRED bad_inputs)
    list(APPEND bad_tests bad.config.${file})
  endforeach()
  # None of the failed runs above may leave an output file behind.
  add_test(NAME bad.no_output_files
    COMMAND sh -c "! ls ${BAD}/*.uart ${BAD}/*.json ${BAD}/*.tmp* 2>/dev/null | grep -q .")
  set_tests_properties(bad.no_output_files PROPERTIES FIXTURES_REQUIRED bad_inputs
    DEPENDS "${bad_tests}")
endif()

# --- command line ----------------------------------------------------------------------
expect(cli.help 0 "~usage: pmsim run" "=" ${PMSIM} --help)
expect(cli.version 0 "~pmsim ${PROJECT_VERSION}" "=" ${PMSIM} --version)
expect(cli.no_command 64 "=" "~no command given" ${PMSIM})
expect(cli.unknown_command 64 "=" "~unknown command 'frobnicate'" ${PMSIM} frobnicate)
expect(cli.unknown_option 64 "=" "~unknown option '--frob'" ${PMSIM} run --frob x.elf)
expect(cli.coherency_mode 64 "=" "~--coherency must be off, report or fatal (got 'loud')"
  ${PMSIM} run --coherency=loud x.elf)
expect(cli.coherency_missing 64 "=" "~option '--coherency' needs off, report or fatal"
  ${PMSIM} run --coherency)
expect(cli.no_image 64 "=" "~needs an image" ${PMSIM} run)
expect(cli.until.no_unit 64 "=" "~missing unit" ${PMSIM} run --until 10 x.elf)
expect(cli.until.bad_unit 64 "=" "~unknown unit 'fortnights'" ${PMSIM} run --until 3fortnights x.elf)
expect(cli.until.zero 64 "=" "~greater than zero" ${PMSIM} run --until 0ms x.elf)
expect(cli.until.missing 64 "=" "~needs a time" ${PMSIM} run --until)
expect(cli.max_insns.bad 64 "=" "~positive whole number" ${PMSIM} run --max-insns 12k x.elf)
expect(cli.extra_arg 64 "=" "~after '--'" ${PMSIM} run x.elf y.elf)
expect(cli.info 0 "~0x20000000 0x203fffff" "=" ${PMSIM} info)
expect(cli.info.uart 0 "~0x40004000 0x40004fff 4096       arm,pl011" "=" ${PMSIM} info)
expect(cli.info.power 0 "%    1: retention, retention at 600 mV, 20 + 40 us, 150 us" "=" ${PMSIM} info)
# The numbers a report is checked against by hand (docs/power.md).
expect(cli.info.power.core 0 "~cpu0 power: dynamic-power-coefficient 60 uW/MHz/V^2 (pJ per cycle at 1 V), a stalled cycle at 40 % of that" "=" ${PMSIM} info)
expect(cli.info.power.leakage 0 "~leakage 1500 uW at 1200 mV and 25.0 C, scaled by (V / 1200 mV) x e^((V - 1200 mV) / 300 mV) x 2^((T - 25.0 C) / 20.0 C)" "=" ${PMSIM} info)
expect(cli.info.power.domains 0 "~core 800 uW, periph 300 uW, dram 100 uW, aon 5 uW" "=" ${PMSIM} info)
expect(cli.info.power.devices 0 "%    serial@40004000: 20576 fJ/cycle at 1 V, 0 uW active, 20 uW leakage, domain aon" "=" ${PMSIM} info)
expect(cli.info.power.rails 0 "%    vdd_core: 800 mV at reset (800-1200 mV), switching, auto mode (pfm below 20 mA), 22 uF, from the battery (4200 mV)" "=" ${PMSIM} info)
expect(cli.info.power.battery 0 "%  battery: 500 mAh, open-circuit 4.200 V full to 3.000 V empty, 150 mOhm, cut-off 3.000 V, 100.0 % at the start, a step every 1000 us" "=" ${PMSIM} info)
expect(cli.info.power.curve 0 "%      pfm: 20 uA quiescent, efficiency 80 % at 0.01 mA, 84 % at 0.1 mA, 87 % at 1 mA, 88 % at 10 mA, 78 % at 60 mA" "=" ${PMSIM} info)
expect(cli.info.power.ldo 0 "%    vdd_aon: 900 mV at reset, linear: efficiency Vout/Vin, 1 uA quiescent, from vdd_mem" "=" ${PMSIM} info)
expect(cli.info.power.clocks 0 "~osc25m 300 uW, osc24m 300 uW, osc32k 1 uW, pll0 1500 uW" "=" ${PMSIM} info)
expect(cli.info.mcu 0
  "%  cpu0 operating points: 16 MHz at 1000 mV, 48 MHz at 1100 mV, 80 MHz at 1200 mV" "="
  ${PMSIM} info --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts)
expect(cli.info.bad 65 "=" "~not a device tree blob" ${PMSIM} info --config ${CMAKE_CURRENT_SOURCE_DIR}/CMakeLists.txt)
