# The floating-point extension from the inside (firmware/tests/fp): each
# image for the Cortex-M4F (configs/mcu.dts, fpv4-sp-d16) and the
# Cortex-M7 (configs/default.dts, fpv5-d16), checking its results bit for
# bit and exiting with a status.
if(PMSIM_FIRMWARE)
  set(FP_MCU ${PROJECT_SOURCE_DIR}/configs/mcu.dts)
  foreach(t moves)
    expect(guest.fp.${t}.m4 0 "~fp ${t} passed" "="
      ${PMSIM} run --config ${FP_MCU} ${FW}/tests/fp/fp_${t}_m4.elf)
    expect(guest.fp.${t}.m7 0 "~fp ${t} passed" "=" ${PMSIM} run ${FW}/tests/fp/fp_${t}_m7.elf)
  endforeach()
endif()
