# Power-management guest tests (firmware/tests/pm/): self-checking images
# that measure the default SoC's power architecture from the inside and
# exit 0 only if every check passes. Each image's header comment derives
# its numbers from docs/devices/ and configs/default.dts.
#
#   pm.idle_latency       wake-up latency of the three idle states (wfi,
#                         retention, power-off), from the timer's expiry to
#                         the handler, with the SP804 (41.7 ns edges); a
#                         wake-up during the power-off entry; WFI without
#                         SLEEPDEEP enters state 0 whatever LPMODE says.
#                         Arguments: wfi exit, retention exit, power-off
#                         entry and exit latencies in us.
#   pm.dvfs               voltage ramp 0.8 -> 1.0 V (20 us, VOUT mid-ramp),
#                         PLL lock (100 us), the same loop in 1/8 of the
#                         time at 200 MHz as at 25 MHz, with the same cycle
#                         count; pm_set_opp. Arguments: ramp and lock in us.
#   pm.dram_exit          one uncached DRAM load at a fixed 200 MHz
#                         (tests/configs/pm_dram_200mhz.dts) in active
#                         standby, power-down and self-refresh: the
#                         differences are tXP and tXS in cycles (2 28).
#   pm.poweroff_loss      a dirty D-cache line is lost in the power-off
#                         state, the SCS is reset at the warm boot, the
#                         PMU retention registers survive, and the report's
#                         diagnostics name the lost line (tests/scripts/
#                         pm_report.sh checks the --report JSON); .clean:
#                         a cleaned line survives, no diagnostic.
#   pm.poweroff_loss.time the lost line's diagnostic is dated at the
#                         power-off (as the coherency event), not the
#                         wake-up.
#   pm.dram_domain_off.*  DRAM contents lost when its power domain is
#                         switched off, active or in self-refresh, and the
#                         diagnostic says that this was the cause.
#   pm.suspend.*          system suspend until an RTC alarm: back through
#                         the reset vector, wake status, always-on SRAM and
#                         retention registers kept, main SRAM lost; DRAM
#                         kept in self-refresh (.sr) and lost, with its
#                         diagnostics, when left active (.nosr).
#   pm.undervolt.*        the core switched to 400 MHz at 0.80 V: a
#                         diagnostic in the report, and with
#                         pmsim,undervolt-action = "lockup" a lockup
#                         (status 125) that names the reason.
#   pm.wake_uart.*        a character on UART0 (always-on) wakes the SoC
#                         from suspend; an RTC alarm that is not in
#                         WAKE_EN does not.
#   pm.simctl             guest markers (docs/devices/simctl.md): a
#                         suspend:test-core cycle with its phases and
#                         device callbacks, timer callbacks as wake-up
#                         causes, EXIT through the device; the JSON report
#                         checked by check_simctl.py, and deterministic.
#   pm.simctl.mem         the same for a real suspend:mem cycle (suspend
#                         until an RTC alarm, resumed through the reset
#                         vector): latencies, suspended time and energies
#                         that divide the cycle, saving and break-even.
#   pm.latency.*          the report's latency series (check_latency.py):
#                         idle-state and suspend wake-ups, DVFS, IRQ entry while
#                         running (pm_irq_latency: ten timer interrupts
#                         over NOPs at 200 MHz), a DMA transfer.
#   *.wrong               a wrong expectation must make the image fail:
#                         the images really check their numbers.
set(PM_DTBS)
foreach(name pm_dram_200mhz pm_undervolt_lockup battery_tiny)
  set(dtb ${PROJECT_BINARY_DIR}/tests/configs/${name}.dtb)
  add_custom_command(OUTPUT ${dtb}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/tests/configs
    COMMAND ${DTC} -q -I dts -O dtb -o ${dtb} ${CMAKE_CURRENT_SOURCE_DIR}/configs/${name}.dts
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/configs/${name}.dts ${PROJECT_SOURCE_DIR}/configs/default.dts
    COMMENT "dtc tests/configs/${name}.dts")
  list(APPEND PM_DTBS ${dtb})
endforeach()
add_custom_target(pm_dtbs ALL DEPENDS ${PM_DTBS})

if(PMSIM_FIRMWARE)
  set(pmfw ${FW}/tests/pm)
  set(PM_REPORT ${SCRIPTS}/pm_report.sh)

  expect(pm.idle_latency 0 "~idle latency: all checks passed" "="
    ${PMSIM} run ${pmfw}/pm_idle_latency.elf -- 1 40 100 400)
  expect(pm.idle_latency.wrong 1 "~FAILED" "="
    ${PMSIM} run ${pmfw}/pm_idle_latency.elf -- 1 40 100 399)

  expect(pm.dvfs 0 "~dvfs: all checks passed" "=" ${PMSIM} run ${pmfw}/pm_dvfs.elf -- 20 100)
  expect(pm.dvfs.wrong 1 "~FAILED" "=" ${PMSIM} run ${pmfw}/pm_dvfs.elf -- 20 99)

  # The fixed 200 MHz at 1.0 V: no diagnostic at all.
  add_test(NAME pm.dram_exit COMMAND ${PM_REPORT} 0 "dram exit: all checks passed" none --
    ${PMSIM} run --config ${PROJECT_BINARY_DIR}/tests/configs/pm_dram_200mhz.dtb
    ${pmfw}/pm_dram_exit.elf -- 2 28)
  expect(pm.dram_exit.wrong 1 "~FAILED" "="
    ${PMSIM} run --config ${PROJECT_BINARY_DIR}/tests/configs/pm_dram_200mhz.dtb
    ${pmfw}/pm_dram_exit.elf -- 2 27)

  add_test(NAME pm.poweroff_loss COMMAND ${PM_REPORT} 0 "power-off state loss: all checks passed"
    "~cpu0 powered off (power-off) with 1 dirty D-cache line: its data is lost" --
    ${PMSIM} run ${pmfw}/pm_poweroff_loss.elf -- dirty lost)
  find_program(PYTHON3 python3 REQUIRED)
  add_test(NAME pm.poweroff_loss.time COMMAND ${PYTHON3} ${SCRIPTS}/lost_dirty_time.py
    ${PMSIM} ${pmfw}/pm_poweroff_loss.elf dirty lost)
  add_test(NAME pm.poweroff_loss.clean COMMAND ${PM_REPORT} 0
    "power-off state loss: all checks passed" none --
    ${PMSIM} run ${pmfw}/pm_poweroff_loss.elf -- clean kept)
  expect(pm.poweroff_loss.wrong 1 "~FAILED" "="
    ${PMSIM} run ${pmfw}/pm_poweroff_loss.elf -- dirty kept)

  add_test(NAME pm.suspend.sr COMMAND ${PM_REPORT} 0 "suspend: all checks passed" none --
    ${PMSIM} run ${pmfw}/pm_suspend.elf -- sr kept)
  add_test(NAME pm.suspend.nosr COMMAND ${PM_REPORT} 0 "suspend: all checks passed"
    "~DRAM contents lost: the SoC was suspended with the DRAM not in self-refresh, so nothing refreshed it; the DRAM was in power-down" --
    ${PMSIM} run ${pmfw}/pm_suspend.elf -- nosr lost)
  add_test(NAME pm.suspend.nosr.report COMMAND ${PM_REPORT} 0 "suspend: all checks passed"
    "~DRAM contents lost" -- ${PMSIM} run ${pmfw}/pm_suspend.elf -- nosr lost)
  expect(pm.suspend.wrong 1 "~FAILED" "=" ${PMSIM} run ${pmfw}/pm_suspend.elf -- nosr kept)

  add_test(NAME pm.dram_domain_off COMMAND ${PM_REPORT} 0 "dram domain off: all checks passed"
    "~DRAM contents lost: its power domain was switched off; the DRAM was active" --
    ${PMSIM} run ${pmfw}/pm_dram_domain_off.elf -- active)
  add_test(NAME pm.dram_domain_off.sr COMMAND ${PM_REPORT} 0 "dram domain off: all checks passed"
    "~DRAM contents lost: its power domain was switched off; the DRAM was in self-refresh, which keeps data only while VDD stays on" --
    ${PMSIM} run ${pmfw}/pm_dram_domain_off.elf -- sr)

  add_test(NAME pm.undervolt.report COMMAND ${PM_REPORT} 0 "undervolt: still running"
    "~cpu0 runs at 400000000 Hz with its supply at 800000 uV, below the 1200000 uV" --
    ${PMSIM} run ${pmfw}/pm_undervolt.elf)
  expect(pm.undervolt.lockup 125 "!still running"
    "~guest locked up: cpu0 runs at 400000000 Hz with its supply at 800000 uV"
    ${PMSIM} run --config ${PROJECT_BINARY_DIR}/tests/configs/pm_undervolt_lockup.dtb
    ${pmfw}/pm_undervolt.elf)
  set_tests_properties(pm.undervolt.report pm.undervolt.lockup PROPERTIES TIMEOUT 60 LABELS pm)

  # The battery (docs/devices/pmic.md): an empty cell browns out at its
  # first step under load, a tiny one once the demo has drawn its charge;
  # both end the run with status 123 and say why. --battery-percent is
  # refused outside 0-100 and on an ideal source.
  expect(pm.battery.brownout_empty 123 -
    "~pmsim: power failed at 0.001000 s simulated: brown-out: the battery's terminal voltage fell to 2."
    ${PMSIM} run --battery-percent 0 ${FW}/demo/demo.elf)
  expect(pm.battery.brownout_tiny 123 - "~: brown-out: the battery is empty (its terminal voltage is 3.0"
    ${PMSIM} run --config ${PROJECT_BINARY_DIR}/tests/configs/battery_tiny.dtb ${FW}/demo/demo.elf)
  expect(pm.battery.percent_range 64 - "~--battery-percent needs a state of charge from 0 to 100"
    ${PMSIM} run --battery-percent 101 ${FW}/demo/demo.elf)
  expect(pm.battery.percent_ideal 65 - "~--battery-percent: the SoC's battery has no capacity"
    ${PMSIM} run --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts --battery-percent 50
    ${FW}/hello/hello_mcu.elf)
  set_tests_properties(pm.battery.brownout_empty pm.battery.brownout_tiny
    PROPERTIES TIMEOUT 60 LABELS pm)

  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/wake_uart.txt "W")
  expect(pm.wake_uart 0 "~wake by uart: all checks passed" "="
    ${PMSIM} run --uart-in ${CMAKE_CURRENT_BINARY_DIR}/wake_uart.txt ${pmfw}/pm_wake_uart.elf -- W)
  expect(pm.wake_uart.wrong 1 "~FAILED" "="
    ${PMSIM} run --uart-in ${CMAKE_CURRENT_BINARY_DIR}/wake_uart.txt ${pmfw}/pm_wake_uart.elf -- X)
  set_tests_properties(pm.wake_uart pm.wake_uart.wrong PROPERTIES TIMEOUT 60 LABELS pm)

  # Guest markers through the simulator-control device: a pm_test cycle,
  # timer wake-ups and the exit, read from the JSON report, twice.
  if(PYTHON3)
    add_test(NAME pm.simctl COMMAND ${PYTHON3} ${SCRIPTS}/check_simctl.py test ${PMSIM}
      ${pmfw}/pm_simctl.elf)
    add_test(NAME pm.simctl.mem COMMAND ${PYTHON3} ${SCRIPTS}/check_simctl.py mem ${PMSIM}
      ${pmfw}/pm_simctl_mem.elf)
    set_tests_properties(pm.simctl pm.simctl.mem PROPERTIES TIMEOUT 60 LABELS pm)

    # The report's latency series against configs/default.dts and the
    # timing model (tests/scripts/check_latency.py): wake-ups from each
    # idle state and the DVFS step of pm_idle_latency, interrupts taken
    # while running, a DMA transfer of known size. Each .wrong expects a
    # figure off by a little and must fail.
    set(LAT ${PYTHON3} ${SCRIPTS}/check_latency.py)
    set(LAT_IDLE ${PMSIM} ${pmfw}/pm_idle_latency.elf)
    add_test(NAME pm.latency.idle COMMAND ${LAT} idle ${LAT_IDLE}
      1 40 400 200 800000 1000000 10000 100 -- 1 40 100 400)
    add_test(NAME pm.latency.idle.wrong COMMAND ${LAT} idle ${LAT_IDLE}
      1 41 400 200 800000 1000000 10000 100 -- 1 40 100 400)
    add_test(NAME pm.latency.dvfs.wrong COMMAND ${LAT} idle ${LAT_IDLE}
      1 40 400 200 800000 1000000 10000 99 -- 1 40 100 400)
    add_test(NAME pm.latency.suspend COMMAND ${LAT} suspend ${PMSIM} ${pmfw}/pm_suspend.elf
      200 1000 0 400 -- sr kept)
    add_test(NAME pm.latency.suspend.wrong COMMAND ${LAT} suspend ${PMSIM}
      ${pmfw}/pm_suspend.elf 200 1000 0 399 -- sr kept)
    add_test(NAME pm.latency.irq COMMAND ${LAT} irq ${PMSIM} ${pmfw}/pm_irq_latency.elf 200)
    add_test(NAME pm.latency.irq.wrong COMMAND ${LAT} irq ${PMSIM}
      ${pmfw}/pm_irq_latency.elf 100)
    add_test(NAME pm.latency.dma COMMAND ${LAT} dma ${PMSIM} ${FW}/tests/dma/dma_timing.elf
      10 140 -- 10 140)
    add_test(NAME pm.latency.dma.wrong COMMAND ${LAT} dma ${PMSIM}
      ${FW}/tests/dma/dma_timing.elf 10 0 -- 10 140)
    set_tests_properties(pm.latency.idle.wrong pm.latency.dvfs.wrong pm.latency.suspend.wrong
      pm.latency.irq.wrong pm.latency.dma.wrong PROPERTIES WILL_FAIL TRUE)
    set_tests_properties(pm.latency.idle pm.latency.idle.wrong pm.latency.dvfs.wrong
      pm.latency.suspend pm.latency.suspend.wrong pm.latency.irq pm.latency.irq.wrong
      pm.latency.dma pm.latency.dma.wrong PROPERTIES TIMEOUT 60 LABELS pm)
  endif()

  set_tests_properties(pm.idle_latency pm.idle_latency.wrong pm.dvfs pm.dvfs.wrong
    pm.dram_exit pm.dram_exit.wrong pm.poweroff_loss pm.poweroff_loss.clean
    pm.poweroff_loss.wrong pm.suspend.sr pm.suspend.nosr pm.suspend.nosr.report
    pm.suspend.wrong PROPERTIES TIMEOUT 60 LABELS pm)
endif()
