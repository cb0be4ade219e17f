# Instruction timing measured by the guest with the DWT cycle counter
# (firmware/tests/timing, docs/timing.md): the Cortex-M3 image on
# configs/m3.dts, the Cortex-M7 image on the default SoC. Each program
# exits 0 only if every measurement matches the documented count.
if(PMSIM_FIRMWARE)
  foreach(prog timing_insns timing_exc)
    add_test(NAME timing.${prog}.m3
      COMMAND ${EXPECT} 0 "~timing: all " "=" --
              ${PMSIM} run --config ${PROJECT_BINARY_DIR}/configs/m3.dtb
              ${PMSIM_FIRMWARE_DIR}/tests/timing/${prog}_m3.elf)
    add_test(NAME timing.${prog}.m7
      COMMAND ${EXPECT} 0 "~timing: all " "=" --
              ${PMSIM} run ${PMSIM_FIRMWARE_DIR}/tests/timing/${prog}_m7.elf)
    set_tests_properties(timing.${prog}.m3 timing.${prog}.m7 PROPERTIES TIMEOUT 60 LABELS timing)
  endforeach()
  # FP instructions: the Cortex-M4F on configs/mcu.dts, the M7 on the default SoC.
  add_test(NAME timing.timing_fp.m4
    COMMAND ${EXPECT} 0 "~timing: all " "=" --
            ${PMSIM} run --config ${PROJECT_BINARY_DIR}/configs/mcu.dtb
            ${PMSIM_FIRMWARE_DIR}/tests/timing/timing_fp_m4.elf)
  add_test(NAME timing.timing_fp.m7
    COMMAND ${EXPECT} 0 "~timing: all " "=" --
            ${PMSIM} run ${PMSIM_FIRMWARE_DIR}/tests/timing/timing_fp_m7.elf)
  set_tests_properties(timing.timing_fp.m4 timing.timing_fp.m7 PROPERTIES TIMEOUT 60
    LABELS timing)
endif()
