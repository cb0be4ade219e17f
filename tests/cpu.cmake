# The core's configuration and outcomes from the command line
# (docs/cpu.md, docs/bindings.md, docs/cli.md).
set(M3_DTB ${PROJECT_BINARY_DIR}/configs/m3.dtb)

# A Cortex-M3 has no caches: configs/m3.dts names none, pmsim info says
# so, and a tree that gives a Cortex-M3 caches is refused.
expect(cpu.m3.info.no_icache 0 "%     no I-cache" "=" ${PMSIM} info --config ${M3_DTB})
expect(cpu.m3.info.no_dcache 0 "%     no D-cache" "=" ${PMSIM} info --config ${M3_DTB})
expect(cpu.m3.caches_refused 65 "=" "=pmsim: ${CMAKE_CURRENT_SOURCE_DIR}/configs/m3_caches.dts: /cpus/cpu@0: 'i-cache-size' is set, but arm,cortex-m3 has no caches (only arm,cortex-m7 has L1 caches)\n"
  ${PMSIM} info --config ${CMAKE_CURRENT_SOURCE_DIR}/configs/m3_caches.dts)

if(PMSIM_FIRMWARE)
  # From the inside: CLIDR, CTR and CCSIDR read 0, CCR.IC/DC cannot be set.
  expect(guest.cache_none.m3 0 "~no caches: CLIDR, CTR, CCSIDR 0" "="
    ${PMSIM} run --config ${M3_DTB} ${FW}/tests/cache/cache_none.elf)

  # The core's clock stops under it (the CPU mux selects a PLL that is
  # off), no WFI: status 126, and the message says the clock stopped; with
  # --until, the time limit is reached with the clock stopped.
  expect(guest.clock_stop 126 "=clock_stop: selecting the PLL, which is off\n"
    "~pmsim: the core's clock stopped without a WFI/WFE (the clock tree gives it 0 Hz"
    ${PMSIM} run ${FW}/tests/clock_stop.elf)
  expect(guest.clock_stop.not_asleep 126 "-" "!sleeps" ${PMSIM} run ${FW}/tests/clock_stop.elf)
  expect(guest.clock_stop.until 124 "-"
    "=pmsim: time limit reached (--until) while the core's clock is stopped\n"
    ${PMSIM} run --until 10ms ${FW}/tests/clock_stop.elf)
endif()
