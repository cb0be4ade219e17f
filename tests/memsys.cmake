# Memory-system guest tests (firmware/tests/cache, docs/memory-system.md):
# caches driven the CMSIS way on the default SoC, checked from the inside.
if(PMSIM_FIRMWARE)
  expect(guest.cache_maint 0
    "=dcache message: written with the D-cache on\ncache maintenance tests passed\n" "="
    ${PMSIM} run ${FW}/tests/cache/cache_maint.elf)
  expect(guest.cache_timing 0 "~cache timing tests passed" "="
    ${PMSIM} run ${FW}/tests/cache/cache_timing.elf)
  # The same images under --stats: the run summary still works with the
  # caches on, and the counters it may print come from cpu_mem_stats().
  expect(guest.cache_timing.stats 0 "~cache timing tests passed" "~instructions"
    ${PMSIM} run --stats ${FW}/tests/cache/cache_timing.elf)
endif()
