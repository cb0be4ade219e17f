# Guest C programs (firmware/tests/c, docs/guest-tests.md). For every image:
#   guest_c.run.IMAGE   pmsim runs it to exit status 0 and it reports that all
#                       of its checks passed;
#   guest_c.qemu.IMAGE  QEMU (mps2-an385 for Cortex-M3, mps2-an500 for
#                       Cortex-M7: the same code-at-0 / SRAM-at-0x20000000
#                       layout, 4 MiB each) prints exactly the same and exits
#                       with the same status.
# Cortex-M7 images run on the default SoC (a Cortex-M7), Cortex-M3 images on
# configs/m3.dts.
if(PMSIM_FIRMWARE)
  set(GUEST_C_DIR ${PROJECT_SOURCE_DIR}/firmware/tests/c)
  set(GUEST_C_FW ${PMSIM_FIRMWARE_DIR}/tests/c)
  find_program(QEMU_ARM qemu-system-arm)
  file(GLOB GUEST_C_SOURCES CONFIGURE_DEPENDS ${GUEST_C_DIR}/c_*.c)
  foreach(src ${GUEST_C_SOURCES})
    get_filename_component(prog ${src} NAME_WE)
    # The same rule as firmware/tests/c/CMakeLists.txt.
    file(STRINGS ${src} cpus_line REGEX "guest-cpus:" LIMIT_COUNT 1)
    if(cpus_line MATCHES "guest-cpus: *([a-z0-9 ]+)")
      string(REPLACE " " ";" cpus "${CMAKE_MATCH_1}")
    else()
      set(cpus m3 m7)
    endif()
    foreach(cpu ${cpus})
      if(cpu STREQUAL "m7")
        set(config)
        set(machine mps2-an500)
      else()
        set(config --config ${PROJECT_BINARY_DIR}/configs/m3.dtb)
        set(machine mps2-an385)
      endif()
      foreach(opt O0 O2 Os)
        set(img ${prog}_${cpu}_${opt})
        add_test(NAME guest_c.run.${img}
          COMMAND ${EXPECT} 0 "~${prog}: all " "=" -- ${PMSIM} run ${config} ${GUEST_C_FW}/${img}.elf)
        set_tests_properties(guest_c.run.${img} PROPERTIES TIMEOUT 60 LABELS guest_c)
        if(QEMU_ARM)
          add_test(NAME guest_c.qemu.${img}
            COMMAND ${SCRIPTS}/compare_qemu_m.sh ${PMSIM} ${QEMU_ARM} ${machine}
                    ${GUEST_C_FW}/${img}.elf ${config})
          set_tests_properties(guest_c.qemu.${img} PROPERTIES TIMEOUT 60 LABELS guest_c)
        endif()
      endforeach()
    endforeach()
  endforeach()
  # The Cortex-M3 has no DSP extension: on the M3 SoC the DSP image must
  # take the same UsageFault -> HardFault as on QEMU's mps2-an385.
  if(QEMU_ARM)
    add_test(NAME guest_c.qemu.m3_has_no_dsp
      COMMAND ${SCRIPTS}/compare_qemu_m.sh ${PMSIM} ${QEMU_ARM} mps2-an385
              ${GUEST_C_FW}/c_dsp_m7_O2.elf --config ${PROJECT_BINARY_DIR}/configs/m3.dtb)
    set_tests_properties(guest_c.qemu.m3_has_no_dsp PROPERTIES TIMEOUT 60 LABELS guest_c)
  endif()
endif()
