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
endif()
