# pmfw, the guest PM firmware (docs/pmfw.md): host unit tests of its
# portable parts, and runs of the image on the default SoC and the MCU.
set(PMFW_SRC ${PROJECT_SOURCE_DIR}/firmware/pmfw)
function(pmfw_host_test name)
  # SHIMS: host stand-ins of kernel headers (tests/pmfw/include: device.h,
  # delay.h) come first, for the frameworks tested without the device model.
  cmake_parse_arguments(T "SHIMS" "MAIN" "SOURCES;DEFS" ${ARGN})
  if(NOT T_MAIN)
    set(T_MAIN ${name})
  endif()
  add_executable(pmfw_${name} ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/${T_MAIN}.c ${T_SOURCES})
  set(inc ${PMFW_SRC}/include ${LIBFDT_INCLUDE_DIR})
  if(T_SHIMS)
    list(PREPEND inc ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/include)
  endif()
  target_include_directories(pmfw_${name} PRIVATE ${inc})
  target_compile_definitions(pmfw_${name} PRIVATE PMFW_HOST ${T_DEFS}
    PMSIM_TEST_BIN_DIR="${PROJECT_BINARY_DIR}")
  # Under the sanitizers: the portable parts must be clean on any host.
  set(san -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_compile_options(pmfw_${name} PRIVATE -Wno-unused-parameter ${san})
  target_link_options(pmfw_${name} PRIVATE ${san})
  target_link_libraries(pmfw_${name} PRIVATE ${LIBFDT_LIBRARY} PkgConfig::CHECK)
  add_dependencies(pmfw_${name} dtbs)
  add_test(NAME pmfw.host.${name} COMMAND pmfw_${name})
endfunction()

pmfw_host_test(test_of SOURCES ${PMFW_SRC}/drivers/of/fdt.c ${PMFW_SRC}/drivers/of/base.c
  ${PMFW_SRC}/lib/kstrtox.c ${PMFW_SRC}/lib/string.c ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/host.c)
# The kernel never frees its device tree: not a leak.
set_tests_properties(pmfw.host.test_of PROPERTIES ENVIRONMENT ASAN_OPTIONS=detect_leaks=0)
pmfw_host_test(test_slab SOURCES ${PMFW_SRC}/mm/slab.c ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/host.c
  DEFS PMFW_HOST_OWN_HEAP)
# The file systems (kernfs, sysfs, debugfs, seq_file) and kobjects.
pmfw_host_test(test_sysfs SOURCES ${PMFW_SRC}/fs/kernfs/dir.c ${PMFW_SRC}/fs/kernfs/file.c
  ${PMFW_SRC}/fs/sysfs/dir.c ${PMFW_SRC}/fs/sysfs/file.c ${PMFW_SRC}/fs/sysfs/group.c
  ${PMFW_SRC}/fs/debugfs/inode.c ${PMFW_SRC}/fs/debugfs/file.c ${PMFW_SRC}/fs/seq_file.c
  ${PMFW_SRC}/fs/libfs.c ${PMFW_SRC}/lib/kobject.c ${PMFW_SRC}/lib/kasprintf.c
  ${PMFW_SRC}/lib/iov_iter.c ${PMFW_SRC}/lib/kstrtox.c ${PMFW_SRC}/lib/string.c
  ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/host.c)
# The shell's command-line parser.
pmfw_host_test(test_sh_parse SOURCES ${PMFW_SRC}/shell/parse.c)
# The RTC's date arithmetic, against the C library's.
pmfw_host_test(test_rtc_lib SHIMS SOURCES ${PMFW_SRC}/drivers/rtc/lib.c
  ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/host_gmtime.c)

pmfw_host_test(test_clk SOURCES ${PMFW_SRC}/drivers/clk/clk.c ${PMFW_SRC}/drivers/clk/clk-of.c
  ${PMFW_SRC}/drivers/clk/clk-fixed-rate.c ${PMFW_SRC}/drivers/of/fdt.c
  ${PMFW_SRC}/drivers/of/base.c ${PMFW_SRC}/kernel/notifier.c ${PMFW_SRC}/lib/kstrtox.c
  ${PMFW_SRC}/lib/string.c ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/host.c)
set_tests_properties(pmfw.host.test_clk PROPERTIES ENVIRONMENT ASAN_OPTIONS=detect_leaks=0)

# The time arithmetic (clocksource mult/shift, jiffies) at each CONFIG_HZ.
foreach(hz 100 250 1000)
  pmfw_host_test(test_time_hz${hz} MAIN test_time DEFS CONFIG_HZ=${hz}
    SOURCES ${PMFW_SRC}/kernel/time/time.c ${PMFW_SRC}/kernel/time/clocksource.c
    ${PMFW_SRC}/kernel/time/clockevents.c
    ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/host.c)
endforeach()
# The DMA API and DMA-API debug (kernel/dma/); the debug entries are never
# freed (the kernel keeps them for the next mapping): not a leak.
pmfw_host_test(test_dma_debug SOURCES ${PMFW_SRC}/kernel/dma/mapping.c
  ${PMFW_SRC}/kernel/dma/direct.c ${PMFW_SRC}/kernel/dma/debug.c ${PMFW_SRC}/lib/kstrtox.c
  ${PMFW_SRC}/lib/string.c ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/host.c)
set_tests_properties(pmfw.host.test_dma_debug PROPERTIES ENVIRONMENT ASAN_OPTIONS=detect_leaks=0)

# The regulator core, on a device tree of its own.
add_custom_command(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/pmfw/regulator_test.dtb
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/pmfw
  COMMAND ${DTC} -q -I dts -O dtb -o ${CMAKE_CURRENT_BINARY_DIR}/pmfw/regulator_test.dtb
          ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/regulator_test.dts
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/regulator_test.dts)
add_custom_target(pmfw_test_dtbs ALL DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/pmfw/regulator_test.dtb)
pmfw_host_test(test_regulator SHIMS SOURCES ${PMFW_SRC}/drivers/regulator/core.c
  ${PMFW_SRC}/drivers/regulator/of_regulator.c ${PMFW_SRC}/drivers/regulator/helpers.c
  ${PMFW_SRC}/drivers/of/fdt.c ${PMFW_SRC}/drivers/of/base.c ${PMFW_SRC}/kernel/notifier.c
  ${PMFW_SRC}/lib/kstrtox.c ${PMFW_SRC}/lib/string.c ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/host.c
  ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/host_nowq.c)
add_dependencies(pmfw_test_regulator pmfw_test_dtbs)
set_tests_properties(pmfw.host.test_regulator PROPERTIES ENVIRONMENT ASAN_OPTIONS=detect_leaks=0)
# The PL080 driver's linked lists (drivers/dma/pl08x-lli.c).
pmfw_host_test(test_pl08x_lli SOURCES ${PMFW_SRC}/drivers/dma/pl08x-lli.c
  ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/host.c)

# Runtime PM's state machine, with a clock, timers and a workqueue the
# tests drive (tests/pmfw/host_rpm.c).
pmfw_host_test(test_runtime_pm SOURCES ${PMFW_SRC}/drivers/base/power/runtime.c
  ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/host_rpm.c ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/host.c)

# The idle governors (drivers/cpuidle/governors/), each against the
# tick code and the framework of tests/pmfw/host_cpuidle.c, on the idle
# states of the default SoC's and the MCU's device trees; HZ 250 (a 4 ms
# jiffy), which the cases' arithmetic assumes.
foreach(gov menu ladder teo)
  pmfw_host_test(test_cpuidle_${gov} DEFS CONFIG_HZ=250
    SOURCES ${PMFW_SRC}/drivers/cpuidle/governors/${gov}.c
    ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/host_cpuidle.c)
endforeach()

# cpufreq's frequency tables and the governors' decisions
# (drivers/cpufreq/freq_table.c, governor_calc.c, kernel/sched/pelt.c) on
# the default SoC's and the MCU's tables, with the core's
# __cpufreq_driver_target played by tests/pmfw/host_cpufreq.c.
set(CPUFREQ_HOST ${PMFW_SRC}/drivers/cpufreq/freq_table.c ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/host_cpufreq.c)
pmfw_host_test(test_cpufreq_table SOURCES ${CPUFREQ_HOST})
foreach(gov ondemand conservative schedutil)
  pmfw_host_test(test_cpufreq_${gov} SOURCES ${CPUFREQ_HOST}
    ${PMFW_SRC}/drivers/cpufreq/governor_calc.c ${PMFW_SRC}/kernel/sched/pelt.c)
endforeach()

if(PMSIM_FIRMWARE)
  set(PMFW ${FW}/pmfw/pmfw.elf)
  # pmfw_kunit(SUITE TOTALS [MCU_TOTALS]): KUnit suite SUITE at boot on the
  # default SoC and on the MCU (status 0 only if every case passed), each
  # ending with its "# Totals: TOTALS" line.
  function(pmfw_kunit suite totals)
    set(mcu_totals ${totals})
    if(ARGC GREATER 2)
      set(mcu_totals ${ARGV2})
    endif()
    set(args quiet loglevel=7 kunit.filter_glob=${suite} kunit_shutdown=poweroff)
    expect(pmfw.kunit.${suite} 0 "~# Totals: ${totals}" "=" ${PMSIM} run ${PMFW} -- ${args})
    expect(pmfw.kunit.${suite}.mcu 0 "~# Totals: ${mcu_totals}" "="
      ${PMSIM} run --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts ${PMFW} -- ${args})
  endfunction()
  expect(pmfw.boot.default 0 "%[    0.000000] OF: fdt: Machine model: pmsim default SoC" "="
    ${PMSIM} run ${PMFW} -- poweroff)
  expect(pmfw.boot.mcu 0 "%[    0.000000] OF: fdt: Machine model: pmsim small MCU" "="
    ${PMSIM} run --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts ${PMFW} -- poweroff)
  # The kernel's parameters, then init's command line.
  expect(pmfw.cmdline 0 "~Kernel command line: loglevel=8 -- echo hi" "="
    ${PMSIM} run ${PMFW} -- loglevel=8 -- "echo hi\; poweroff")
  expect(pmfw.quiet 0 "!Booting pmfw" "=" ${PMSIM} run ${PMFW} -- quiet poweroff)
  # KUnit at boot (kunit.filter_glob=, kunit_shutdown=poweroff: status 0
  # only if every case passed).
  expect(pmfw.kunit.example 0 "~# Totals: pass:2 fail:0 skip:1 total:3" "="
    ${PMSIM} run ${PMFW} -- quiet loglevel=7 kunit.filter_glob=example kunit_shutdown=poweroff)
  # The clk framework on each SoC (drivers/clk/clk_test.c).
  # (The MCU's only other gate beside the UART's is the timer's, which the
  # SP804 driver keeps enabled: the count cases have no spare gate there.)
  pmfw_kunit(clk "pass:4 fail:0 skip:0 total:4" "pass:1 fail:0 skip:3 total:4")
  # The thermal framework (drivers/thermal/thermal_test.c): Linux's step_wise
  # on synthetic temperature sequences (a synthetic zone and cooling
  # device), and the thermal class's sysfs files.
  pmfw_kunit(thermal-step-wise "pass:3 fail:0 skip:0 total:3")
  # The CPU's cooling device: each state caps the policy (the MCU has no
  # zone and no #cooling-cells: skipped there).
  pmfw_kunit(thermal-cpufreq "pass:1 fail:0 skip:0 total:1" "pass:0 fail:0 skip:1 total:1")
  # The default SoC hot (tests/scripts/pmfw_thermal.py): throttled by
  # step_wise through cpufreq-cpu0 under a load, and shut down at the
  # critical trip.
  add_test(NAME pmfw.thermal COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_thermal.py ${PMSIM} ${PMFW}
    ${PROJECT_SOURCE_DIR}/configs/default.dts)
  # The device model, sysfs and debugfs, the shell (KUnit), on both SoCs;
  # the DT's devices also with tests/configs/pmfw_devices.dts, whose test
  # nodes the other SoCs lack (those cases skip there).
  set(MCU --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts)
  set(DEVICES_DTS --config ${CMAKE_CURRENT_SOURCE_DIR}/configs/pmfw_devices.dts)
  set(KUNIT quiet loglevel=7 kunit_shutdown=poweroff kunit.filter_glob=)
  foreach(suite driver_core:10:0 sysfs:4:0 shell:4:0 of_platform:2:4)
    string(REPLACE ":" ";" f ${suite})
    list(GET f 0 name)
    list(GET f 1 pass)
    list(GET f 2 skip)
    math(EXPR total "${pass} + ${skip}")
    expect(pmfw.kunit.${name} 0 "~# Totals: pass:${pass} fail:0 skip:${skip} total:${total}" "="
      ${PMSIM} run ${PMFW} -- ${KUNIT}${name})
    expect(pmfw.kunit.${name}.mcu 0 "~# Totals: pass:${pass} fail:0 skip:${skip} total:${total}" "="
      ${PMSIM} run ${MCU} ${PMFW} -- ${KUNIT}${name})
  endforeach()
  expect(pmfw.kunit.of_platform.devices 0 "~# Totals: pass:6 fail:0 skip:0 total:6" "="
    ${PMSIM} run ${DEVICES_DTS} ${PMFW} -- ${KUNIT}of_platform)
  # The DT's devices where Linux puts them.
  expect(pmfw.sysfs.devices 0 "%lrwxrwxrwx /sys/bus/platform/devices/40004000.serial -> ../../../devices/platform/soc/40004000.serial" "="
    ${PMSIM} run ${PMFW} -- "quiet ls -l /sys/bus/platform/devices/40004000.serial\; poweroff")
  expect(pmfw.sysfs.devices.names 0 "%soc:test-bus:inner-bus:leaf@10" "="
    ${PMSIM} run ${DEVICES_DTS} ${PMFW} -- "quiet ls /sys/bus/platform/devices\; exit")
  # A driver that defers for ever is reported at late init, and listed.
  expect(pmfw.devices.deferred 0 "~] platform soc:test-bus:waiter: deferred probe pending: pmfw-test-deferred: waiting for a supplier that never registers" "="
    ${PMSIM} run ${DEVICES_DTS} ${PMFW} -- "quiet dmesg\; exit")
  expect(pmfw.devices.deferred.debugfs 0 "=soc:test-bus:waiter\tpmfw-test-deferred: waiting for a supplier that never registers\n" "="
    ${PMSIM} run ${DEVICES_DTS} ${PMFW} -- "quiet cat /sys/kernel/debug/devices_deferred\; exit")
  # A broken console UART (no clock): its probe fails, saying which device
  # and why; the rest boots, and the shell, without a console tty, runs the
  # command line on the boot console and ends the run.
  expect(pmfw.devices.broken_uart 0 "~] uart-pl011 40004000.serial: probe with driver uart-pl011 failed with error -2" "="
    ${PMSIM} run --config ${CMAKE_CURRENT_SOURCE_DIR}/configs/pmfw_uart_noclk.dts ${PMFW} -- quiet echo still here)
  expect(pmfw.devices.broken_uart.rest 0 "%still here" "="
    ${PMSIM} run --config ${CMAKE_CURRENT_SOURCE_DIR}/configs/pmfw_uart_noclk.dts ${PMFW} -- quiet echo still here)

  # The shell from the command line: commands, errors, exit status.
  foreach(soc default mcu)
    set(cfg --config ${PROJECT_SOURCE_DIR}/configs/${soc}.dts)
    expect(pmfw.shell.session.${soc} 3 "%40004000.serial" "=" ${PMSIM} run ${cfg} ${PMFW} --
      "quiet ls /sys/bus/platform/devices\; cat /nothing\; exit 3")
    expect(pmfw.shell.session.${soc}.error 3 "%cat: /nothing: No such file or directory" "="
      ${PMSIM} run ${cfg} ${PMFW} -- "quiet ls /sys/bus/platform/devices\; cat /nothing\; exit 3")
  endforeach()
  expect(pmfw.shell.not_found 127 "=sh: foo: not found\n" "%pmsim: guest exited with status 127"
    ${PMSIM} run ${PMFW} -- "quiet foo\; exit")
  expect(pmfw.shell.exit_bad 2 "=sh: exit: Illegal number: x\n" "="
    ${PMSIM} run ${PMFW} -- "quiet exit x\; exit")
  expect(pmfw.shell.echo 0 "=a  b\;c\nd\n" "="
    ${PMSIM} run ${PMFW} -- "quiet echo -n 'a  b\;c'\; echo\; echo d\; exit")
  # A syntax error ends the command line (status 2); the console goes on.
  expect(pmfw.shell.syntax 2 "=sh: syntax error: unterminated quoted string\n# exit\n" "="
    ${PMSIM} run --uart-in ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/exit.txt ${PMFW} -- "quiet echo a\; echo \"b")
  expect(pmfw.shell.write_error 1 "=sh: can't create /sys/bus/platform/drivers_autoprobe/x: Not a directory\necho: write error: No such device\n" "="
    ${PMSIM} run ${PMFW} -- "quiet echo 1 > /sys/bus/platform/drivers_autoprobe/x\; echo nope > /sys/bus/platform/drivers_probe\; exit")
  expect(pmfw.shell.poweroff 0 "~] reboot: Power down" "="
    ${PMSIM} run ${PMFW} -- quiet poweroff)
  # sleep: a bad argument is refused; a good one lasts as long as it says
  # (the run ends 2.5 s after the command line began, plus a boot of less than half a second).
  expect(pmfw.shell.sleep_bad 1 "=sleep: invalid number '1s'\nsleep: usage: sleep SECONDS\n" "="
    ${PMSIM} run ${PMFW} -- "quiet sleep 1s\; sleep\; exit")
  expect(pmfw.shell.sleep 0 "=" "~simulated time  2."
    ${PMSIM} run --stats ${PMFW} -- "quiet sleep 2.5\; exit")
  expect(pmfw.shell.kunit 0 "~# Totals: pass:2 fail:0 skip:1 total:3" "="
    ${PMSIM} run ${PMFW} -- quiet loglevel=7 "kunit run example\; exit")
  # The console's tty: sessions through --uart-in on both SoCs.
  add_test(NAME pmfw.tty COMMAND ${SCRIPTS}/pmfw_tty.sh ${PMSIM} ${PMFW})
  add_test(NAME pmfw.tty.mcu COMMAND ${SCRIPTS}/pmfw_tty.sh ${PMSIM} ${PMFW} ${MCU})

  # The clocks' own debugfs files, written as Linux allows with
  # CLOCK_ALLOW_WRITE_DEBUGFS: the peripheral divider halved, the UART's
  # clock follows; a rate the UART cannot make 115200 baud from is refused,
  # as is text; a mux's parents.
  set(CLKD /sys/kernel/debug/clk)
  expect(pmfw.clk.debugfs 0
    "=24000000\n12000000\necho: write error: Device or resource busy\necho: write error: Invalid argument\n12000000\nosc25m pll0\nosc25m\n1\n"
    "=" ${PMSIM} run ${PMFW} -- "quiet cat ${CLKD}/periph_clk/clk_rate\; echo 12000000 > ${CLKD}/periph_clk/clk_rate\; cat ${CLKD}/uart0_clk/clk_rate\; echo 1 > ${CLKD}/periph_clk/clk_rate\; echo abc > ${CLKD}/periph_clk/clk_rate\; cat ${CLKD}/periph_clk/clk_rate ${CLKD}/cpu_clk/clk_possible_parents ${CLKD}/cpu_clk/clk_parent ${CLKD}/uart0_clk/clk_notifier_count\; exit")
  # The console UART keeps its baud rate when its clock changes (MCU: its
  # clock has no rate to change).
  pmfw_kunit(pl011 "pass:1 fail:0 skip:0 total:1" "pass:0 fail:0 skip:1 total:1")
  # The PL011 transmits by DMA where its node has a "tx" channel (the
  # default SoC), by interrupt without (the MCU): suite pl011-dma (4 KiB
  # by DMA, counted; a few bytes by interrupt; a printk in the middle of
  # a transfer; the tty closed with a transfer in flight), under
  # --coherency=fatal; the channel named in the log
  # when the tty first opens; what reaches the host, and a shell session
  # through --uart-in against the same SoC without DMA channels
  # (tests/scripts/pmfw_pl011_dma.py).
  set(PL011_DMA_KUNIT quiet loglevel=7 kunit_shutdown=poweroff kunit.filter_glob=pl011-dma)
  expect(pmfw.kunit.pl011-dma 0 "~# Totals: pass:4 fail:0 skip:0 total:4" "="
    ${PMSIM} run --coherency=fatal ${PMFW} -- ${PL011_DMA_KUNIT})
  expect(pmfw.kunit.pl011-dma.mcu 0 "~# Totals: pass:4 fail:0 skip:0 total:4" "="
    ${PMSIM} run --coherency=fatal --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts ${PMFW}
    -- ${PL011_DMA_KUNIT})
  expect(pmfw.pl011.dma_channel 0 "~] uart-pl011 40004000.serial: DMA channel TX dma1chan0" "="
    ${PMSIM} run ${PMFW} -- loglevel=7 -- exit)
  expect(pmfw.pl011.dma_channel.mcu 0 "!DMA channel TX" "="
    ${PMSIM} run --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts ${PMFW} -- loglevel=7 -- exit)
  find_program(PYTHON3 python3)
  if(PYTHON3)
    add_test(NAME pmfw.pl011.dma_output COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_pl011_dma.py
      ${PMSIM} ${PMFW} ${PROJECT_SOURCE_DIR})
  endif()
  # /sys/kernel/debug/clk/clk_summary: the CMU's tree under its oscillators
  # (the SP804, the clocksource, holds its clock).
  expect(pmfw.clk_summary 0 "%    timer0_clk                        1        1        0    24000000          0     0  50000         Y" "="
    ${PMSIM} run ${PMFW} -- "quiet cat /sys/kernel/debug/clk/clk_summary\; poweroff")

  # The kernel core (kernel/, arch/arm/, drivers/irqchip/, drivers/clocksource/),
  # on each SoC; --until ends a run that would hang (124).
  set(KCORE quiet loglevel=7 kunit_shutdown=poweroff)
  foreach(suite_totals "sched|pass:7 fail:0 skip:1 total:8" "locking|pass:7 fail:0 skip:0 total:7"
      "irq|pass:8 fail:0 skip:0 total:8" "time|pass:9 fail:0 skip:0 total:9"
      "workqueue|pass:5 fail:0 skip:0 total:5" "softirq|pass:4 fail:0 skip:0 total:4")
    string(REPLACE "|" ";" st "${suite_totals}")
    list(GET st 0 suite)
    list(GET st 1 totals)
    expect(pmfw.kunit.${suite} 0 "~# Totals: ${totals}" "="
      ${PMSIM} run --until 600s ${PMFW} -- ${KCORE} kunit.filter_glob=${suite})
    expect(pmfw.kunit.${suite}.mcu 0 "~# Totals: ${totals}" "="
      ${PMSIM} run --until 600s ${MCU} ${PMFW} -- ${KCORE} kunit.filter_glob=${suite})
  endforeach()
  # The other tick rates: jiffies, timers and sleeps at HZ=100 and 1000.
  foreach(hz 100 1000)
    expect(pmfw.kunit.time.hz${hz} 0 "~# Totals: pass:9 fail:0 skip:0 total:9" "="
      ${PMSIM} run --until 600s ${FW}/pmfw/pmfw-hz${hz}.elf -- ${KCORE} kunit.filter_glob=time)
    expect(pmfw.kunit.time.hz${hz}.mcu 0 "~# Totals: pass:9 fail:0 skip:0 total:9" "="
      ${PMSIM} run --until 600s ${MCU} ${FW}/pmfw/pmfw-hz${hz}.elf -- ${KCORE} kunit.filter_glob=time)
    expect(pmfw.kunit.locking.hz${hz} 0 "~# Totals: pass:7 fail:0 skip:0 total:7" "="
      ${PMSIM} run --until 600s ${FW}/pmfw/pmfw-hz${hz}.elf -- ${KCORE} kunit.filter_glob=locking)
  endforeach()
  # kallsyms and %ps/%pS (kernel/kallsyms_test.c), on every image: each
  # has its own table, generated from its own first link.
  pmfw_kunit(kallsyms "pass:5 fail:0 skip:0 total:5")
  foreach(hz 100 1000)
    expect(pmfw.kunit.kallsyms.hz${hz} 0 "~# Totals: pass:5 fail:0 skip:0 total:5" "="
      ${PMSIM} run ${FW}/pmfw/pmfw-hz${hz}.elf -- ${KCORE} kunit.filter_glob=kallsyms)
  endforeach()
  # A thread that overflows its stack: the switch finds its canary gone.
  expect(pmfw.sched.stack_overflow 1
    "~Kernel panic - not syncing: corrupted stack end detected inside scheduler: kunit-overflow (pid"
    "=" ${PMSIM} run --until 10s ${PMFW}
    -- ${KCORE} kunit.filter_glob=sched sched_kunit.stack_overflow)
  # Boot messages carry real times once the SP804 is the clocksource.
  expect(pmfw.boot.timestamps 0 "![    0.000000] Calibrating delay loop" "="
    ${PMSIM} run ${PMFW} -- poweroff)
  expect(pmfw.boot.delay_loop 0
    "~] Calibrating delay loop (skipped), value calculated using timer frequency.. 48.00 BogoMIPS (lpj=96000)"
    "=" ${PMSIM} run ${PMFW} -- poweroff)
  expect(pmfw.boot.delay_loop.mcu 0
    "~] Calibrating delay loop (skipped), value calculated using timer frequency.. 32.00 BogoMIPS (lpj=64000)"
    "=" ${PMSIM} run ${MCU} ${PMFW} -- poweroff)
  # The regulator framework on the PMIC, and its summary.
  pmfw_kunit(regulator "pass:3 fail:0 skip:0 total:3")
  expect(pmfw.regulator_summary 0 "%    vdd_aon                       2    1      0  normal   900mV     0mA   900mV   900mV" "="
    ${PMSIM} run ${PMFW} -- "quiet cat /sys/kernel/debug/regulator/regulator_summary\; poweroff")
  # A rail left on at boot that nothing uses goes off 30 s after boot, as
  # in Linux, unless regulator_ignore_unused.
  set(SPARE ${CMAKE_CURRENT_SOURCE_DIR}/configs/pmfw_spare_rail.dts)
  expect(pmfw.regulator.unused_off 0 "~] vdd_spare: disabling" "~  vdd_spare           0.000 V"
    ${PMSIM} run --config ${SPARE} --summary ${PMFW} -- "quiet sleep 31\; dmesg\; poweroff")
  expect(pmfw.regulator.ignore_unused 0 "~] vdd_spare: unused regulator left on (regulator_ignore_unused)"
    "~  vdd_spare           1.800 V"
    ${PMSIM} run --config ${SPARE} --summary ${PMFW} -- "quiet regulator_ignore_unused sleep 31\; dmesg\; poweroff")
  # Runtime PM, wakeup sources and PM notifiers, on each SoC.
  pmfw_kunit(runtime_pm "pass:2 fail:0 skip:0 total:2")
  pmfw_kunit(wakeup "pass:3 fail:0 skip:0 total:3")
  # Generic power domains (domains of the test's own) and the PMU as their
  # provider on the hardware, on each SoC.
  pmfw_kunit(genpd "pass:3 fail:0 skip:0 total:3")
  pmfw_kunit(pmu "pass:5 fail:0 skip:0 total:5")
  # PM QoS (kernel/power/qos.c, drivers/base/power/qos.c): CPU latency,
  # /dev/cpu_dma_latency, frequency QoS, flags, notifiers, NO_POWER_OFF.
  pmfw_kunit(pm_qos "pass:5 fail:0 skip:0 total:5")
  # What the report shows of pmfw's power management (domains off while
  # their devices are suspended, ...).
  add_test(NAME pmfw.power COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_power.py ${PMSIM} ${PMFW})
  # The display (docs/pmfw.md, "The display"): fbtest, blank and unblank
  # through sysfs; while it scans out the DRAM never self-refreshes, once
  # blanked it does, the controller's clock is gated and the panel and
  # backlight draw nothing; the backlight's energy follows the PWM's duty.
  add_test(NAME pmfw.display COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_display.py ${PMSIM} ${PMFW})
  # Workloads (kernel/workload/) from the shell through --uart-in, on both
  # SoCs: their rates, their DMA checked under --coherency=fatal, errors.
  # The scenarios docs/pmfw.md documents, through --uart-in on both SoCs:
  # a device runtime-suspended and its domain off in the report, clock
  # rates changed from debugfs, ADC samples streamed by DMA under
  # --coherency=fatal.
  add_test(NAME pmfw.scenarios COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_scenarios.py ${PMSIM} ${PMFW}
    ${PROJECT_SOURCE_DIR}/configs/default.dts ${PROJECT_SOURCE_DIR}/configs/mcu.dts)
  add_test(NAME pmfw.workload COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_workload.py ${PMSIM} ${PMFW}
    ${PROJECT_SOURCE_DIR}/configs/default.dts ${PROJECT_SOURCE_DIR}/configs/mcu.dts)
  # The shell's powertop (tests/scripts/pmfw_powertop.py): its rows for
  # the RTC's alarm and its own sleep; and its wake-up counts equal to the
  # report's over exactly its interval (the run cut at its two markers),
  # with workloads adding DMA and timer wake-ups, on both SoCs.
  add_test(NAME pmfw.powertop COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_powertop.py rows ${PMSIM} ${PMFW})
  set(POWERTOP_CMDS "quiet echo +1 > /sys/class/rtc/rtc0/wakealarm; workload start busy run_ms=2 period_ms=50")
  add_test(NAME pmfw.powertop.agree COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_powertop.py agree ${PMSIM}
    ${PMFW} ${PROJECT_BINARY_DIR}/configs/default.dtb
    "${POWERTOP_CMDS}; workload start adc hz=2000; powertop 3; poweroff")
  add_test(NAME pmfw.powertop.agree.mcu COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_powertop.py agree
    ${PMSIM} ${PMFW} ${PROJECT_BINARY_DIR}/configs/mcu.dtb "${POWERTOP_CMDS}; powertop 3; poweroff"
    --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts)
  # GPIO: gpiolib and the PL061 (drivers/gpio/), its interrupts through
  # the secondary IRQ layer; the MCU has no PL061 (its cases skip).
  pmfw_kunit(pl061 "pass:7 fail:0 skip:0 total:7" "pass:0 fail:0 skip:7 total:7")
  # (Line 0 is the power button's: gpio-keys below holds it.)
  expect(pmfw.gpio.debugfs 0 "=gpiochip0: GPIOs 512-519, parent: platform/40007000.gpio, 40007000.gpio:\n gpio-512 (                    |power               ) in  hi IRQ ACTIVE LOW\n" "="
    ${PMSIM} run ${PMFW} -- "quiet cat /sys/kernel/debug/gpio\; exit")
  # gpio-keys and the input core (drivers/input/): the default SoC's power
  # button on the PL061's line 0 (active-low, a wake-up source), its
  # debouncing, wake-up at suspend, the shell's evtest; the MCU has no
  # GPIO (its cases skip; evtest finds no device). Its files from the
  # shell, and the suite's key events as pmsim's trace markers
  # (tests/scripts/pmfw_gpio_keys.py).
  pmfw_kunit(gpio_keys "pass:7 fail:0 skip:0 total:7" "pass:0 fail:0 skip:7 total:7")
  expect(pmfw.gpio_keys.sysfs 0 "=gpio-keys\ngpio-keys/input0\nenabled\n" "="
    ${PMSIM} run ${PMFW} -- "quiet cat /sys/class/input/input0/name /sys/class/input/input0/phys /sys/devices/platform/gpio-keys/power/wakeup\; exit")
  expect(pmfw.gpio_keys.evtest.mcu 1 "~evtest: no input device" "="
    ${PMSIM} run ${MCU} ${PMFW} -- "quiet evtest\; exit")
  add_test(NAME pmfw.gpio_keys.markers COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_gpio_keys.py ${PMSIM} ${PMFW})
  # The RTC (drivers/rtc/): the rtc class and the PL031, on both SoCs, and
  # with a bus clock that runtime PM gates.
  foreach(cfg configs/default.dts configs/mcu.dts tests/configs/pmfw_rtc_apb.dts)
    get_filename_component(n ${cfg} NAME_WE)
    expect(pmfw.kunit.pl031.${n} 0 "~# Totals: pass:6 fail:0 skip:0 total:6" "="
      ${PMSIM} run --config ${PROJECT_SOURCE_DIR}/${cfg} ${PMFW} -- ${KUNIT}pl031)
  endforeach()
  expect(pmfw.rtc.sysfs 0 "=1970-01-01\n00:00:00\n1\n" "="
    ${PMSIM} run ${PMFW} -- "quiet cat /sys/class/rtc/rtc0/date /sys/class/rtc/rtc0/time\; echo +1 > /sys/class/rtc/rtc0/wakealarm\; cat /sys/class/rtc/rtc0/wakealarm\; exit")
  # The DRAM controller (drivers/memory/): its idle timers, self-refresh
  # for the suspend path, its files; the MCU has no DRAM (its cases skip).
  pmfw_kunit(dramc "pass:4 fail:0 skip:0 total:4" "pass:0 fail:0 skip:4 total:4")
  expect(pmfw.dramc.sysfs 0 "=power-down\n1000\n0\n" "="
    ${PMSIM} run ${PMFW} -- "quiet cat /sys/devices/platform/soc/40023000.memory-controller/state /sys/devices/platform/soc/40023000.memory-controller/pd_idle_ns /sys/devices/platform/soc/40023000.memory-controller/sr_entries\; exit")
  # The DMA API (kernel/dma/mapping_test.c): each direction's maintenance
  # observed through memory with the PL080 as the device, partial lines,
  # sg, syncs, coherent memory; under --coherency=fatal, so that a missing
  # or wrong maintenance stops the run (status 127). The MCU has neither a
  # PL080 nor a cache: the device cases skip, dma_pool works.
  set(KUNIT_RUN quiet loglevel=7 kunit_shutdown=poweroff)
  expect(pmfw.kunit.dma-mapping 0 "~# Totals: pass:8 fail:0 skip:0 total:8" "="
    ${PMSIM} run --coherency=fatal ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=dma-mapping)
  expect(pmfw.kunit.dma-mapping.mcu 0 "~# Totals: pass:0 fail:0 skip:8 total:8" "="
    ${PMSIM} run ${MCU} ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=dma-mapping)
  expect(pmfw.kunit.dma-pool 0 "~# Totals: pass:2 fail:0 skip:0 total:2" "="
    ${PMSIM} run --coherency=fatal ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=dma-pool)
  expect(pmfw.kunit.dma-pool.mcu 0 "~# Totals: pass:2 fail:0 skip:0 total:2" "="
    ${PMSIM} run ${MCU} ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=dma-pool)
  expect(pmfw.kunit.dma-pool.busy 0 "~dma_pool_destroy busy, busy" "="
    ${PMSIM} run ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=dma-pool)
  # The same transfers with the maintenance skipped: the data is wrong (the
  # cases assert it) and the report holds exactly the checker's events the
  # guest announces (coh-expect lines: dma-read-dirty in dma_copy,
  # stale-read in has_pattern after dma_copy's write).
  find_program(PYTHON3 python3)
  if(PYTHON3)
    add_test(NAME pmfw.kunit.cache-maintenance-skipped COMMAND ${SCRIPTS}/coh_report.sh 0
      "# Totals: pass:2 fail:0 skip:0 total:2" -- ${PMSIM} run ${PMFW}
      -- ${KUNIT_RUN} kunit.filter_glob=cache-maintenance-skipped)
    # The whole firmware: every KUnit suite in one boot (status 0: every
    # case passed), and the report holds exactly the coherency events the
    # maintenance-skipping suite announces, nothing from anything else.
    add_test(NAME pmfw.kunit.all.coherency COMMAND ${SCRIPTS}/coh_report.sh 0
      "# Totals: pass:" -- ${PMSIM} run ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=*)
  endif()
  expect(pmfw.kunit.all.mcu 0 "~# Totals: pass:" "="
    ${PMSIM} run ${MCU} ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=*)
  expect(pmfw.kunit.cache-maintenance-skipped.fatal 127 - "~missing clean before a transfer to the device"
    ${PMSIM} run --coherency=fatal ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=cache-maintenance-skipped)
  # DMA-API debug: each misuse counted (the suite) and reported with
  # Linux's message (one run per message; printk's lines end at 192
  # characters, so the two longest are checked up to there, and in full by
  # the host test); dma_debug=off turns it off.
  expect(pmfw.kunit.dma-debug 0 "~# Totals: pass:10 fail:0 skip:0 total:10" "="
    ${PMSIM} run ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=dma-debug)
  expect(pmfw.kunit.dma-debug.mcu 0 "~# Totals: pass:10 fail:0 skip:0 total:10" "="
    ${PMSIM} run ${MCU} ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=dma-debug)
  set(i 0)
  foreach(msg
      "tries to free DMA memory it has not allocated [device address=0x0000000060000020] [size=64 bytes]"
      "frees DMA memory with different size [device address=0x0000000060000020] [map size=64 bytes] [unmap size=32 bytes]"
      "frees DMA memory with different direction [device address=0x0000000060000020] [size=64 bytes] [mapped with DMA_FROM_DEVICE]"
      "syncs DMA memory outside allocated range [device address=0x0000000060000020] [allocation size=64 bytes] [sync offset+size=96]"
      "tries to sync DMA memory it has not allocated [device address=0x0000000060000120] [size=4 bytes]"
      "syncs DMA memory with different direction [device address=0x0000000060000020] [size=64 bytes] [mapped with DMA_TO_DEVICE]"
      "syncs device read-only DMA memory for cpu [device address=0x0000000060000020]"
      "failed to check map error[device address=0x0000000060000020] [size=64 bytes] [mapped as single]"
      "has pending DMA allocations while released from device [count=2]"
      "One of leaked entries details: [device address=0x0000000060000020] [size=64 bytes] [mapped with DMA_TO_DEVICE] [mapped as single]"
      "DMA-API: platform dma-debug-leaky: device driver has pending DMA allocations while released from device [count=1]"
      "tries to free DMA memory it has not allocated [device address=0x0000000063f00000] [size=64 bytes]")
    math(EXPR i "${i} + 1")
    expect(pmfw.dma-debug.message.${i} 0 "~${msg}" "="
      ${PMSIM} run ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=dma-debug)
  endforeach()
  # /sys/kernel/debug/dma-api/: Linux's variables and the driver filter.
  expect(pmfw.dma-debug.debugfs 0 "=32\nN\nuart-pl011\n" "=" ${PMSIM} run ${PMFW} --
    "quiet cat /sys/kernel/debug/dma-api/nr_total_entries\; cat /sys/kernel/debug/dma-api/all_errors\; echo uart-pl011 > /sys/kernel/debug/dma-api/driver_filter\; cat /sys/kernel/debug/dma-api/driver_filter\; exit")
  expect(pmfw.dma-debug.debugfs.off 0 "=Y\n" "=" ${PMSIM} run ${PMFW} --
    "quiet dma_debug=off cat /sys/kernel/debug/dma-api/disabled\; exit")
  expect(pmfw.dma-debug.off 0 "~DMA-API: debugging disabled on kernel command line" "="
    ${PMSIM} run ${PMFW} -- ${KUNIT_RUN} dma_debug=off kunit.filter_glob=dma-debug)
  expect(pmfw.dma-debug.off.skips 0 "~# Totals: pass:0 fail:0 skip:10 total:10" "="
    ${PMSIM} run ${PMFW} -- ${KUNIT_RUN} dma_debug=off kunit.filter_glob=dma-debug)
  # dmaengine and the PL080 driver (drivers/dma/pl08x_test.c), with the
  # ADC as the peripheral; under --coherency=fatal (the driver's linked
  # lists are fetched from coherent memory). The MCU has no PL080.
  expect(pmfw.kunit.dmaengine 0 "~# Totals: pass:8 fail:0 skip:0 total:8" "="
    ${PMSIM} run --coherency=fatal ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=dmaengine)
  expect(pmfw.kunit.dmaengine.mcu 0 "~# Totals: pass:0 fail:0 skip:8 total:8" "="
    ${PMSIM} run ${MCU} ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=dmaengine)
  expect(pmfw.dmaengine.probe 0 "~pl08xdmac 40030000.dma: DMA: PL080 rev0 at 0x40030000 irq 7" "="
    ${PMSIM} run ${PMFW} -- loglevel=7 -- poweroff)
  expect(pmfw.dmaengine.error_irq 0 "~pl08xdmac 40030000.dma: pl08x_irq error interrupt, register value 0x00000001" "="
    ${PMSIM} run ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=dmaengine)
  # (The shell's tty is open: the console UART holds its TX channel.)
  expect(pmfw.dmaengine.summary 0
    "=dma0 (40030000.dma): number of channels: 8\n\ndma1 (40030000.dma): number of channels: 16\n dma1chan0    | 40004000.serial:tx\n" "="
    ${PMSIM} run ${PMFW} -- "quiet cat /sys/kernel/debug/dmaengine/summary\; exit")
  expect(pmfw.dmaengine.summary.mcu 0 "=" "="
    ${PMSIM} run ${MCU} ${PMFW} -- "quiet cat /sys/kernel/debug/dmaengine/summary\; exit")
  # Every DMA suite at once under --coherency=fatal: nothing the firmware
  # does (its own data, the PL080's transfers and linked lists) leaves a
  # coherency problem.
  expect(pmfw.kunit.dma.fatal 0 "~# Totals: pass:28 fail:0 skip:0 total:28" "="
    ${PMSIM} run --coherency=fatal ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=dma*)
  # The sensor/ADC's IIO driver (drivers/iio/adc/pmsim-adc.c; KUnit in
  # pmsim-adc_test.c): files, single reads, runtime PM, streaming by DMA
  # through the callback buffer, under --coherency=fatal. The MCU has no
  # ADC: every case skips.
  expect(pmfw.kunit.pmsim-adc 0 "~# Totals: pass:6 fail:0 skip:0 total:6" "="
    ${PMSIM} run --coherency=fatal ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=pmsim-adc)
  expect(pmfw.kunit.pmsim-adc.mcu 0 "~# Totals: pass:0 fail:0 skip:6 total:6" "="
    ${PMSIM} run ${MCU} ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=pmsim-adc)
  # Suspend to RAM's machine part (arch/arm/mach-pmsim/pm.c, arch/arm/
  # sleep.c; KUnit in pm_test.c): suspended and woken by the RTC alarm,
  # the kernel's memory and the core's context back, a pending wake-up
  # refused, the idle power-off state through the same warm boot; under
  # --coherency=fatal. The MCU has no `mem`: every case skips. The report
  # (one suspend of about a second, no DRAM or dirty line lost) is checked
  # by pmfw_suspend_mem.py, with and without the fatal checker.
  expect(pmfw.kunit.suspend-mem 0 "~# Totals: pass:3 fail:0 skip:0 total:3" "="
    ${PMSIM} run --coherency=fatal ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=suspend-mem)
  expect(pmfw.kunit.suspend-mem.mcu 0 "~# Totals: pass:0 fail:0 skip:3 total:3" "="
    ${PMSIM} run ${MCU} ${PMFW} -- ${KUNIT_RUN} kunit.filter_glob=suspend-mem)
  if(PYTHON3)
    add_test(NAME pmfw.suspend-mem.report COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_suspend_mem.py
      ${PMSIM} ${PMFW})
    add_test(NAME pmfw.suspend-mem.report.fatal COMMAND ${PYTHON3}
      ${SCRIPTS}/pmfw_suspend_mem.py ${PMSIM} ${PMFW} --coherency=fatal)
  endif()
  # A shell session streams through sysfs (the scan element, then the
  # buffer, for a second) under --coherency=fatal: the DMA channel is held
  # while it streams (beside the console's), the samples are in sequence,
  # no coherency problem.
  set(IIO0 /sys/bus/iio/devices/iio:device0)
  expect(pmfw.adc.session 0
    "=# cat ${IIO0}/name\npmsim-adc\n# echo 1 > ${IIO0}/scan_elements/in_voltage0_en\n# echo 1 > ${IIO0}/buffer/enable\n# cat /sys/kernel/debug/dmaengine/summary\ndma0 (40030000.dma): number of channels: 8\n\ndma1 (40030000.dma): number of channels: 16\n dma1chan0    | 40004000.serial:tx\n dma1chan2    | 40008000.adc:rx\n# sleep 1\n# echo 0 > ${IIO0}/buffer/enable\n# cat ${IIO0}/buffer/data_available\n2\n# cat /sys/kernel/debug/pmsim-adc/sequence_errors\n0\n# exit\n"
    "=" ${PMSIM} run --coherency=fatal --uart-in ${CMAKE_CURRENT_SOURCE_DIR}/pmfw/adc_stream.txt ${PMFW} -- quiet)
  # debugfs skip_sync: a period consumed without its sync for the CPU is a
  # stale read: --coherency=fatal stops the run (127) naming it, and in
  # report mode it is an event of the JSON report, in the driver's DMA
  # callback. (With the power-off idle state disabled: powering off cleans
  # and invalidates the D-cache, which would hide the missing sync, as it
  # can on real silicon.)
  set(NO_POWER_OFF "echo 1 > /sys/devices/system/cpu/cpu0/cpuidle/state2/disable\;")
  expect(pmfw.adc.skip_sync.fatal 127 -
    "~the CPU read a cached line that DMA had overwritten in memory (missing invalidate after a transfer from the device) at 0x"
    ${PMSIM} run --coherency=fatal ${PMFW} -- "quiet ${NO_POWER_OFF} echo 1 > /sys/kernel/debug/pmsim-adc/skip_sync\; echo 1 > ${IIO0}/scan_elements/in_voltage0_en\; echo 1 > ${IIO0}/buffer/enable\; sleep 0.5\; echo 0 > ${IIO0}/buffer/enable\; exit")
  # (through a function, as expect(), so that the command line's "\;"
  # reaches the guest as ";")
  function(pmfw_coh_report name)
    add_test(NAME ${name} COMMAND ${SCRIPTS}/coh_report.sh ${ARGN})
  endfunction()
  if(PYTHON3)
    pmfw_coh_report(pmfw.adc.skip_sync.fatal.report 127 -
      -- ${PMSIM} run --coherency=fatal ${PMFW} -- "quiet ${NO_POWER_OFF} echo 1 > /sys/kernel/debug/pmsim-adc/skip_sync\; echo 1 > ${IIO0}/scan_elements/in_voltage0_en\; echo 1 > ${IIO0}/buffer/enable\; sleep 0.5\; echo 0 > ${IIO0}/buffer/enable\; exit")
  endif()
  expect(pmfw.adc.skip_sync.report 0 "~\"kind\": \"stale-read\"" -
    ${PMSIM} run --no-host --report /dev/stdout ${PMFW} -- "quiet ${NO_POWER_OFF} echo 1 > /sys/kernel/debug/pmsim-adc/skip_sync\; echo 1 > ${IIO0}/scan_elements/in_voltage0_en\; echo 1 > ${IIO0}/buffer/enable\; sleep 0.5\; echo 0 > ${IIO0}/buffer/enable\; exit")
  expect(pmfw.adc.skip_sync.report.function 0 "~\"function\": \"pmsim_adc_dma_done\"" -
    ${PMSIM} run --no-host --report /dev/stdout ${PMFW} -- "quiet ${NO_POWER_OFF} echo 1 > /sys/kernel/debug/pmsim-adc/skip_sync\; echo 1 > ${IIO0}/scan_elements/in_voltage0_en\; echo 1 > ${IIO0}/buffer/enable\; sleep 0.5\; echo 0 > ${IIO0}/buffer/enable\; exit")
  # Without skip_sync the same run has no coherency problem.
  expect(pmfw.adc.no_skip.report 0 "~\"stale-read\": 0," -
    ${PMSIM} run --no-host --report /dev/stdout ${PMFW} -- "quiet echo 1 > ${IIO0}/scan_elements/in_voltage0_en\; echo 1 > ${IIO0}/buffer/enable\; sleep 0.5\; echo 0 > ${IIO0}/buffer/enable\; exit")
  # Caches and MPU at boot on the default SoC; the MCU boots without.
  expect(pmfw.boot.caches 0 "~Caches: I-cache 16 KiB, D-cache 16 KiB (32-byte lines), enabled" "="
    ${PMSIM} run ${PMFW} -- loglevel=7 -- poweroff)
  expect(pmfw.boot.mpu 0 "~MPU: 8 regions, background map for privileged code, coherent DMA pool 0x63f00000-0x63ffffff Normal non-cacheable" "="
    ${PMSIM} run ${PMFW} -- loglevel=7 -- poweroff)
  expect(pmfw.boot.mcu.no_caches 0 "!Caches:" "="
    ${PMSIM} run ${MCU} ${PMFW} -- loglevel=7 -- poweroff)
  # A device tree without what pmfw needs: refused on the host's stderr.
  expect(pmfw.boot.no_console 1 "=" "%pmfw: cannot boot: /chosen/stdout-path does not name an arm,pl011 UART with a reg"
    ${PMSIM} run --config ${CMAKE_CURRENT_SOURCE_DIR}/configs/pmfw_no_stdout.dts ${PMFW})
  # --- System sleep (docs/pmfw.md, "System sleep") ----------------------------------
  # The suspend suite: each pm_test level's phases, pm_test_delay, failing
  # callbacks unwound with suspend_stats, the freezer (frozen and thawed;
  # a thread refusing: -EBUSY), direct_complete, smart suspend, pm_wq
  # frozen, the
  # wakeup_count race, freeze and standby
  # woken by the RTC alarm, the console's PL011 arming its line; on both
  # SoCs.
  pmfw_kunit(suspend "pass:12 fail:0 skip:0 total:12")
  # The files of /sys/power as Linux shows them.
  # Suspend to RAM from the shell, end to end under --coherency=fatal: the
  # RTC's alarm wakes it (IRQ 2), one success, the report's one suspend.
  expect(pmfw.suspend.mem 0 "=2\n1\n" "~Suspend: 1 entry"
    ${PMSIM} run --coherency=fatal --no-host --summary ${PMFW} -- "quiet echo +2 > /sys/class/rtc/rtc0/wakealarm\; echo mem > /sys/power/state\; cat /sys/power/pm_wakeup_irq /sys/power/suspend_stats/success\; exit")
  # Which device woke the system: the wake-up IRQ's handler, by name.
  expect(pmfw.suspend.wake_reason 0 "~] PM: Triggering wakeup from IRQ 2 (rtc-pl031)" "="
    ${PMSIM} run ${PMFW} -- "quiet echo +2 > /sys/class/rtc/rtc0/wakealarm\; echo mem > /sys/power/state\; dmesg\; exit")
  # The suspend sequence as pmsim's trace markers record it (the KUnit
  # suite suspend with --report): each resume phase the reverse of its
  # suspend phase, a failing callback unwinding, the report's phases.
  add_test(NAME pmfw.suspend.markers COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_suspend_markers.py
    ${PMSIM} ${PMFW})
  # Each state's suspend and resume latency and its sleep, as pmfw times
  # them with the PMU's always-on counter (/sys/power/suspend_stats) and
  # as the report gives them: the same to within a tick of the counter.
  add_test(NAME pmfw.suspend.latency COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_suspend_latency.py
    ${PMSIM} ${PMFW} ${PROJECT_SOURCE_DIR}/configs)
  expect(pmfw.suspend.files 0
    "=freeze standby mem\ns2idle shallow [deep]\n[none] core processors platform devices freezer\n5\n20000\n"
    "=" ${PMSIM} run ${PMFW} -- "quiet cat /sys/power/state\; cat /sys/power/mem_sleep\; cat /sys/power/pm_test\; cat /sys/module/suspend/parameters/pm_test_delay\; cat /sys/power/pm_freeze_timeout\; exit")
  # mem_sleep takes what it offers only: deep (suspend to RAM, the
  # default where offered) needs DRAM and always-on SRAM, which the MCU
  # lacks.
  expect(pmfw.suspend.mem_sleep 0 "=s2idle shallow [deep]\ns2idle [shallow] deep\n"
    "="
    ${PMSIM} run ${PMFW} -- "quiet cat /sys/power/mem_sleep\; echo shallow > /sys/power/mem_sleep\; cat /sys/power/mem_sleep\; exit")
  expect(pmfw.suspend.mem_sleep.mcu 0 "=[s2idle] shallow\necho: write error: Invalid argument\ns2idle [shallow]\n"
    "="
    ${PMSIM} run ${MCU} ${PMFW} -- "quiet cat /sys/power/mem_sleep\; echo deep > /sys/power/mem_sleep\; echo shallow > /sys/power/mem_sleep\; cat /sys/power/mem_sleep\; exit")
  # The RTC alarm wakes freeze and then standby (the RTC started at 0:
  # woken at 2 s, then at 4 s), IRQ 2 in pm_wakeup_irq; on both SoCs.
  # (sleep 0.01: the RTC's interrupt work runs before the next alarm.)
  foreach(soc default mcu)
    expect(pmfw.suspend.rtc_wake.${soc} 0 "=2\n2\n2\n4\n2\n" "="
      ${PMSIM} run --config ${PROJECT_SOURCE_DIR}/configs/${soc}.dts ${PMFW} -- "quiet echo +2 > /sys/class/rtc/rtc0/wakealarm\; echo freeze > /sys/power/state\; cat /sys/power/pm_wakeup_irq\; cat /sys/class/rtc/rtc0/since_epoch\; sleep 0.01\; echo +2 > /sys/class/rtc/rtc0/wakealarm\; echo standby > /sys/power/state\; cat /sys/power/pm_wakeup_irq\; cat /sys/class/rtc/rtc0/since_epoch\; cat /sys/power/suspend_stats/success\; exit")
  endforeach()
  # Output still going out when the suspend starts is not lost: the
  # PL011 lets its transmitter drain before the DMA controller stops; and
  # with the console's power/wakeup enabled, its own transmission does
  # not wake the system (the RTC does, IRQ 2).
  expect(pmfw.suspend.console_drains 0 "=success: 0\nfail: 0\nfailed_freeze: 0\nfailed_prepare: 0\nfailed_suspend: 0\nfailed_suspend_late: 0\nfailed_suspend_noirq: 0\nfailed_resume: 0\nfailed_resume_early: 0\nfailed_resume_noirq: 0\nfailures:\n  last_failed_dev:\t\n\t\t\t\n  last_failed_errno:\t0\n\t\t\t0\n  last_failed_step:\t\n\t\t\t\n2\n" "="
    ${PMSIM} run ${PMFW} -- "quiet echo enabled > /sys/devices/platform/soc/40004000.serial/power/wakeup\; cat /sys/kernel/debug/suspend_stats\; echo +2 > /sys/class/rtc/rtc0/wakealarm\; echo freeze > /sys/power/state\; cat /sys/power/pm_wakeup_irq\; exit")
  # The periph domain (the ADC and the DMA controller) powers off in the
  # noirq phase once all its devices are through it: one entry of its off
  # state (the time is CLOCK_MONOTONIC's, which stops while suspended).
  expect(pmfw.suspend.genpd_off 0
    "=State          Time Spent(ms) Usage          Rejected\nS0             0              0              0\nState          Time Spent(ms) Usage          Rejected\nS0             1              1              0\n"
    "=" ${PMSIM} run ${PMFW} -- "quiet cat /sys/kernel/debug/pm_genpd/periph/idle_states\; echo +2 > /sys/class/rtc/rtc0/wakealarm\; echo freeze > /sys/power/state\; cat /sys/kernel/debug/pm_genpd/periph/idle_states\; exit")
  # Linux's messages of a cycle.
  expect(pmfw.suspend.messages 0 "~PM: suspend entry (s2idle)" "="
    ${PMSIM} run ${PMFW} -- "quiet loglevel=7 echo +1 > /sys/class/rtc/rtc0/wakealarm\; echo freeze > /sys/power/state\; exit")
  # Nothing armed to wake it: freeze sleeps for good (the simulator stops
  # the run, 126).
  expect(pmfw.suspend.no_wake_source 126 - "~nothing is scheduled that could wake it"
    ${PMSIM} run ${PMFW} -- "quiet echo freeze > /sys/power/state")
  # /sys/kernel/debug/suspend_stats in Linux's layout, after one pm_test
  # freezer cycle (a success, no failure recorded).
  expect(pmfw.suspend.debugfs_stats 0
    "=success: 1\nfail: 0\nfailed_freeze: 0\nfailed_prepare: 0\nfailed_suspend: 0\nfailed_suspend_late: 0\nfailed_suspend_noirq: 0\nfailed_resume: 0\nfailed_resume_early: 0\nfailed_resume_noirq: 0\nfailures:\n  last_failed_dev:\t\n\t\t\t\n  last_failed_errno:\t0\n\t\t\t0\n  last_failed_step:\t\n\t\t\t\n"
    "=" ${PMSIM} run ${PMFW} -- "quiet echo freezer > /sys/power/pm_test\; echo 0 > /sys/module/suspend/parameters/pm_test_delay\; echo freeze > /sys/power/state\; cat /sys/kernel/debug/suspend_stats\; exit")

  # cpuidle: the driver's states from the default SoC's DT (exit latency
  # entry + exit, target residency min-residency), a state disabled by
  # the user.
  set(CPUIDLE /sys/devices/system/cpu/cpu0/cpuidle)
  expect(pmfw.cpuidle.files 0 "=pmsim_idle\nwfi\nretention\npower-off\nretention\n2\n60\n500\n2000\n0\n1\n" "="
    ${PMSIM} run ${PMFW} -- "quiet cat /sys/devices/system/cpu/cpuidle/current_driver ${CPUIDLE}/state0/name ${CPUIDLE}/state1/name ${CPUIDLE}/state2/name ${CPUIDLE}/state1/desc ${CPUIDLE}/state0/latency ${CPUIDLE}/state1/latency ${CPUIDLE}/state2/latency ${CPUIDLE}/state2/residency ${CPUIDLE}/state2/disable\; echo 1 > ${CPUIDLE}/state2/disable\; cat ${CPUIDLE}/state2/disable\; exit")
  # cpuidle against the report over powertop's interval, on both SoCs; a
  # disabled state and a QoS limit never entered; each governor at run time.
  add_test(NAME pmfw.cpuidle COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_cpuidle.py ${PMSIM} ${PMFW}
    ${PROJECT_SOURCE_DIR}/configs)
  # The governor study (tools/governor-study): every frequency governor
  # with every idle governor on the periodic workload, 1 s each, and the
  # trade-offs asserted (performance meets every deadline and draws the
  # most, powersave misses, ondemand and schedutil in between).
  add_test(NAME pmfw.governor_study COMMAND ${PYTHON3} ${PROJECT_SOURCE_DIR}/tools/governor-study
    --check --pmsim ${PMSIM} --image ${PMFW})
  # Tickless idle against the periodic tick (nohz=off), at each HZ.
  add_test(NAME pmfw.tick.nohz COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_tick.py ${PMSIM} ${FW}/pmfw)

  # --- CPU frequency scaling (docs/pmfw.md, "CPU frequency scaling") ----------------
  # The core, cpufreq-dt and the OPP library (drivers/cpufreq/cpufreq_test.c):
  # the voltage before the clock going up and after it going down, the old
  # pair restored when the supply refuses a voltage, frequency QoS limiting
  # the policy, the statistics; on both SoCs.
  pmfw_kunit(cpufreq "pass:4 fail:0 skip:0 total:4")
  # The policy's files as Linux shows them, on each SoC (boost off: the
  # default SoC's turbo 400 MHz is in scaling_boost_frequencies only; the
  # MCU has no turbo OPP, so no boost files, as Linux).
  set(CF /sys/devices/system/cpu/cpu0/cpufreq)
  set(CF_FILES ${CF}/affected_cpus ${CF}/related_cpus ${CF}/cpuinfo_min_freq
    ${CF}/cpuinfo_max_freq ${CF}/cpuinfo_transition_latency ${CF}/scaling_available_frequencies
    ${CF}/scaling_driver ${CF}/scaling_governor ${CF}/scaling_cur_freq ${CF}/cpuinfo_cur_freq
    ${CF}/scaling_setspeed)
  expect(pmfw.cpufreq.files 0
    "=0\n0\n25000\n200000\n100000\n25000 50000 100000 200000 \ncpufreq-dt\npowersave\n25000\n25000\n<unsupported>\n400000 \n0\n"
    "=" ${PMSIM} run ${PMFW} -- "quiet cat ${CF_FILES} ${CF}/scaling_boost_frequencies /sys/devices/system/cpu/cpufreq/boost\; exit")
  expect(pmfw.cpufreq.files.mcu 0
    "=0\n0\n16000\n80000\n50000\n16000 48000 80000 \ncpufreq-dt\npowersave\n16000\n16000\n<unsupported>\npolicy0\n"
    "=" ${PMSIM} run ${MCU} ${PMFW} -- "quiet cat ${CF_FILES}\; ls /sys/devices/system/cpu/cpufreq\; exit")
  # The governors, the last registered first, as Linux lists them; the
  # default from the command line; the tunables' directories and defaults
  # (sampling_rate 8000 us: two jiffies at HZ=250; rate_limit_us 2000).
  expect(pmfw.cpufreq.governors 0
    "=userspace schedutil powersave performance ondemand conservative \nschedutil\n2000\n"
    "=" ${PMSIM} run ${PMFW} -- "quiet cpufreq.default_governor=schedutil cat ${CF}/scaling_available_governors ${CF}/scaling_governor /sys/devices/system/cpu/cpufreq/schedutil/rate_limit_us\; exit")
  set(OD /sys/devices/system/cpu/cpufreq/ondemand)
  set(CS /sys/devices/system/cpu/cpufreq/conservative)
  expect(pmfw.cpufreq.tunables 0
    "=8000\n95\n1\n0\n8000\n80\n20\n5\n1\necho: write error: Invalid argument\n20\n"
    "=" ${PMSIM} run ${PMFW} -- "quiet echo ondemand > ${CF}/scaling_governor\; cat ${OD}/sampling_rate ${OD}/up_threshold ${OD}/sampling_down_factor ${OD}/powersave_bias\; echo conservative > ${CF}/scaling_governor\; cat ${CS}/sampling_rate ${CS}/up_threshold ${CS}/down_threshold ${CS}/freq_step ${CS}/sampling_down_factor\; echo 90 > ${CS}/down_threshold\; cat ${CS}/down_threshold\; exit")
  # Boost: the turbo OPP joins the policy; performance then runs at it.
  expect(pmfw.cpufreq.boost 0 "=200000\n400000\n400000\n"
    "=" ${PMSIM} run ${PMFW} -- "quiet echo performance > ${CF}/scaling_governor\; cat ${CF}/scaling_cur_freq\; echo 1 > /sys/devices/system/cpu/cpufreq/boost\; cat ${CF}/cpuinfo_max_freq ${CF}/scaling_cur_freq\; exit")
  # Across suspend to RAM the CPU is at the opp-suspend OPP (25 MHz): two
  # more changes, and back at the maximum after.
  expect(pmfw.cpufreq.suspend 0 "=200000\n3\n" "~Suspend: 1 entry"
    ${PMSIM} run --summary ${PMFW} -- "quiet echo performance > ${CF}/scaling_governor\; echo +2 > /sys/class/rtc/rtc0/wakealarm\; echo mem > /sys/power/state\; cat ${CF}/scaling_cur_freq ${CF}/stats/total_trans\; exit")
  # The governors switched from the shell under a workload, and the
  # guest's statistics against the report of the same run, on both SoCs
  # (tests/scripts/pmfw_cpufreq.py).
  add_test(NAME pmfw.cpufreq COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_cpufreq.py ${PMSIM} ${PMFW}
    ${PROJECT_SOURCE_DIR}/configs)
endif()

# The workloads' figures (kernel/workload/stats.c, random.c): Linux's
# prandom generator against its own self-test, the fixed-point logarithms
# and draws, the latency histogram's buckets and percentiles.
pmfw_host_test(test_workload_lib SOURCES ${PMFW_SRC}/kernel/workload/stats.c
  ${PMFW_SRC}/kernel/workload/random.c)
target_link_libraries(pmfw_test_workload_lib PRIVATE m)
if(PMSIM_FIRMWARE AND PYTHON3)
  # The workloads for governor studies (tests/scripts/pmfw_workloads.py says
  # what each case asserts): periodic deadlines met and missed, and met
  # again at a higher CPU clock; interactive think times equal to the
  # seed's model; one session twice, byte for byte; io's and pipeline's
  # data checked under --coherency=fatal; constant's rate against the CPU
  # clock; workload= on the kernel command line; errors.
  foreach(case periodic periodic.mcu interactive determinism io pipeline constant constant.mcu
      cmdline errors)
    add_test(NAME pmfw.workloads.${case} COMMAND ${PYTHON3} ${SCRIPTS}/pmfw_workloads.py ${case}
      ${PMSIM} ${PMFW} ${PROJECT_SOURCE_DIR}/configs)
  endforeach()
  # A command line longer than the kernel's 1024 bytes is refused at boot
  # with a clear message, not cut short.
  string(REPEAT "echo x\\; " 150 LONG_CMDS)
  expect(pmfw.boot.cmdline_too_long 1 - "~pmfw: cannot boot: the command line is longer than 1023 bytes"
    ${PMSIM} run ${PMFW} -- "quiet ${LONG_CMDS} exit")
endif()
