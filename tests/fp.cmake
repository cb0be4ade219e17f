# The floating-point extension from the inside (firmware/tests/fp): each
# image for the Cortex-M4F (configs/mcu.dts, fpv4-sp-d16) and the
# Cortex-M7 (configs/default.dts, fpv5-d16; tests/configs/fpv5_sp.dts,
# fpv5-sp-d16), checking its results bit for bit and exiting with a status.
#   guest.fp.NAME.CPU        the self-checking assembly-level tests;
#   guest.fp.C.CPU_OPT.run   hard-float C and libm (fp_libm), CMSIS-style DSP
#                            kernels (fp_dsp) and c_float.c built
#                            hard-float, at -O0/-O2/-Os;
#   guest.fp.C.CPU_OPT.qemu  the same on QEMU (mps2-an386: a Cortex-M4 with
#                            FPv4-SP; mps2-an500: a Cortex-M7 with FPv5-D16)
#                            prints exactly the same and exits the same.
if(PMSIM_FIRMWARE)
  set(FP_MCU ${PROJECT_SOURCE_DIR}/configs/mcu.dts)
  foreach(t moves arith)
    expect(guest.fp.${t}.m4 0 "~fp ${t} passed" "="
      ${PMSIM} run --config ${FP_MCU} ${FW}/tests/fp/fp_${t}_m4.elf)
    expect(guest.fp.${t}.m7 0 "~fp ${t} passed" "=" ${PMSIM} run ${FW}/tests/fp/fp_${t}_m7.elf)
    expect(guest.fp.${t}.m7sp 0 "~fp ${t} passed" "=" ${PMSIM} run
      --config ${CMAKE_CURRENT_SOURCE_DIR}/configs/fpv5_sp.dts ${FW}/tests/fp/fp_${t}_m7sp.elf)
  endforeach()
  # QEMU passes fp_arith's checks too (fp_moves' BusFault at the end of the
  # mcu's SRAM is RAM on mps2-an386).
  if(QEMU_ARM)
    add_test(NAME guest.fp.arith.m4.qemu COMMAND ${SCRIPTS}/compare_qemu_m.sh ${PMSIM}
      ${QEMU_ARM} mps2-an386 ${FW}/tests/fp/fp_arith_m4.elf --config ${FP_MCU})
    add_test(NAME guest.fp.arith.m7.qemu COMMAND ${SCRIPTS}/compare_qemu_m.sh ${PMSIM}
      ${QEMU_ARM} mps2-an500 ${FW}/tests/fp/fp_arith_m7.elf)
  endif()
  # Without a unit (configs/m3.dts) the first FP instruction raises NOCP,
  # escalated to HardFault: picolibc's handler exits with status 1 before
  # anything is printed, as on QEMU's Cortex-M3 (mps2-an385).
  expect(guest.fp.no_fpu 1 "=" "=" ${PMSIM} run --config ${PROJECT_BINARY_DIR}/configs/m3.dtb
    ${FW}/tests/fp/fp_libm_m4_O2.elf)
  if(QEMU_ARM)
    add_test(NAME guest.fp.no_fpu.qemu COMMAND ${SCRIPTS}/compare_qemu_m.sh ${PMSIM}
      ${QEMU_ARM} mps2-an385 ${FW}/tests/fp/fp_libm_m4_O2.elf
      --config ${PROJECT_BINARY_DIR}/configs/m3.dtb)
  endif()
  foreach(cpu m4 m7)
    if(cpu STREQUAL "m4")
      set(config --config ${FP_MCU})
      set(machine mps2-an386)
    else()
      set(config)
      set(machine mps2-an500)
    endif()
    foreach(opt O0 O2 Os)
      foreach(prog fp_libm fp_c_float fp_dsp)
        if(prog STREQUAL "fp_libm")
          set(done "fp_libm: all printed")
        elseif(prog STREQUAL "fp_dsp")
          set(done "fp_dsp: all printed")
        else()
          set(done "c_float: all ")
        endif()
        set(img ${prog}_${cpu}_${opt})
        add_test(NAME guest.fp.${img}.run
          COMMAND ${EXPECT} 0 "~${done}" "=" -- ${PMSIM} run ${config} ${FW}/tests/fp/${img}.elf)
        set_tests_properties(guest.fp.${img}.run PROPERTIES TIMEOUT 60)
        if(QEMU_ARM)
          add_test(NAME guest.fp.${img}.qemu
            COMMAND ${SCRIPTS}/compare_qemu_m.sh ${PMSIM} ${QEMU_ARM} ${machine}
                    ${FW}/tests/fp/${img}.elf ${config})
          set_tests_properties(guest.fp.${img}.qemu PROPERTIES TIMEOUT 60)
        endif()
      endforeach()
    endforeach()
  endforeach()
endif()
