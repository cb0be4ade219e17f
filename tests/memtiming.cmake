# Memory timing measured by the guest with the DWT cycle counter
# (firmware/tests/timing/mem_*.c, firmware/tests/dram/mem_table.c,
# docs/memory-system.md): flash wait states on the default SoC at 25, 50
# and 100 MHz (0, 1 and 3 wait states for its 33 ns flash), a dirty D-cache
# eviction on an SRAM with wait states, and the doc's table of flash,
# peripheral and DRAM costs at 25 to 400 MHz, with uncached multi-word
# accesses to DRAM.
# The device trees in tests/configs include configs/default.dts and are
# compiled here; the expected numbers are the images' last argument.
set(MEMTIMING_DTBS)
foreach(name flash_25mhz flash_50mhz flash_100mhz flash_200mhz flash_400mhz sram_slow_100mhz)
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
  # The table of docs/memory-system.md at each operating point's clock, and
  # uncached LDM/STM/LDRD/STRD on DRAM (firmware/tests/dram/mem_table.c):
  # MHZ:WF:FF:WP:WD:BD:FD, flash wait(first) and line fill, peripheral
  # wait(first), DRAM wait(first), beat(next) - 1 and line fill.
  set(MEM_TABLE 25:0:7:0:1:0:8 50:1:15:0:2:0:9 100:3:31:1:5:0:12 200:6:55:3:11:0:18
    400:13:111:7:23:1:37)
  set(MEM_TABLE_TESTS)
  foreach(row ${MEM_TABLE})
    string(REPLACE ":" ";" p ${row})
    list(GET p 0 mhz)
    list(REMOVE_AT p 0)
    expect(memtiming.table_${mhz}mhz 0 "~memory table: all checks passed" "="
      ${PMSIM} run --config ${cfgs}/flash_${mhz}mhz.dtb ${FW}/tests/dram/mem_table.elf -- ${p})
    list(APPEND MEM_TABLE_TESTS memtiming.table_${mhz}mhz)
  endforeach()
  # One more cycle per further DRAM word at 25 MHz must fail.
  expect(memtiming.table_25mhz.wrong 1 "~FAILED" "="
    ${PMSIM} run --config ${cfgs}/flash_25mhz.dtb ${FW}/tests/dram/mem_table.elf -- 0 7 0 1 1 8)
  set_tests_properties(memtiming.flash_25mhz memtiming.flash_50mhz memtiming.flash_100mhz
    memtiming.flash_100mhz.wrong memtiming.dirty_eviction ${MEM_TABLE_TESTS}
    memtiming.table_25mhz.wrong PROPERTIES TIMEOUT 60 LABELS timing)
endif()
