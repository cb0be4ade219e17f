# Memory timing measured by the guest with the DWT cycle counter
# (firmware/tests/timing/mem_*.c, docs/memory-system.md): flash wait states
# on the default SoC at 25, 50 and 100 MHz (0, 1 and 3 wait states for its
# 33 ns flash) and a dirty D-cache eviction on an SRAM with wait states.
# The device trees in tests/configs include configs/default.dts and are
# compiled here; the expected numbers are the images' last argument.
set(MEMTIMING_DTBS)
foreach(name flash_25mhz flash_50mhz flash_100mhz sram_slow_100mhz)
  set(dtb ${PROJECT_BINARY_DIR}/tests/configs/${name}.dtb)
  add_custom_command(OUTPUT ${dtb}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/tests/configs
    COMMAND ${DTC} -q -I dts -O dtb -o ${dtb} ${CMAKE_CURRENT_SOURCE_DIR}/configs/${name}.dts
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/configs/${name}.dts ${PROJECT_SOURCE_DIR}/configs/default.dts
    COMMENT "dtc tests/configs/${name}.dts")
  list(APPEND MEMTIMING_DTBS ${dtb})
endforeach()
add_custom_target(memtiming_dtbs ALL DEPENDS ${MEMTIMING_DTBS})

if(PMSIM_FIRMWARE)
  set(cfgs ${PROJECT_BINARY_DIR}/tests/configs)
  foreach(mhz_ws 25:0 50:1 100:3)
    string(REPLACE ":" ";" p ${mhz_ws})
    list(GET p 0 mhz)
    list(GET p 1 ws)
    expect(memtiming.flash_${mhz}mhz 0 "~memory timing: all checks passed" "="
      ${PMSIM} run --config ${cfgs}/flash_${mhz}mhz.dtb ${FW}/tests/timing/mem_flash.elf -- ${ws})
  endforeach()
  # Wrong expectations must fail: the image really checks the numbers.
  expect(memtiming.flash_100mhz.wrong 1 "~FAILED" "="
    ${PMSIM} run --config ${cfgs}/flash_100mhz.dtb ${FW}/tests/timing/mem_flash.elf -- 1)
  # SRAM of 40/20 ns at 100 MHz: a line fill or write-back is 3 + 7 * 2.
  expect(memtiming.dirty_eviction 0 "~eviction timing: all checks passed" "="
    ${PMSIM} run --config ${cfgs}/sram_slow_100mhz.dtb ${FW}/tests/timing/mem_evict.elf -- 17)
  set_tests_properties(memtiming.flash_25mhz memtiming.flash_50mhz memtiming.flash_100mhz
    memtiming.flash_100mhz.wrong memtiming.dirty_eviction PROPERTIES TIMEOUT 60 LABELS timing)
endif()
