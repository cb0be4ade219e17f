# --timeline (docs/timeline.md): every format read back by an independent
# reader (tests/scripts/check_timeline.py) and checked against the report
# of the same run; GTKWave's own converter; the bound; determinism; bad
# output paths. Included from tests/CMakeLists.txt (FW, SCRIPTS, PMSIM).

if(PMSIM_FIRMWARE)
  find_program(PYTHON3 python3)
  if(PYTHON3)
    foreach(case formats gtkwave mcu truncated determinism bad scenario)
      add_test(NAME timeline.${case}
        COMMAND ${PYTHON3} ${SCRIPTS}/timeline.py ${case} ${PMSIM} ${FW}
          ${PROJECT_SOURCE_DIR}/configs ${CMAKE_CURRENT_BINARY_DIR}/timeline.${case})
    endforeach()
    set_tests_properties(timeline.gtkwave PROPERTIES SKIP_RETURN_CODE 77)
  endif()
endif()

# The recorder, the exports and the HTML writer under AddressSanitizer and
# UBSan: the sanitizer build of pmsim (tests/gdb.cmake defines it).
if(PMSIM_FIRMWARE AND PYTHON3)
  if(PMSIM_ASAN AND PMSIM_UBSAN)
    set(TL_SAN_PMSIM ${PMSIM})
  else()
    set(TL_SAN_PMSIM $<TARGET_FILE:pmsim_asan>)
  endif()
  foreach(case formats truncated)
    add_test(NAME timeline.sanitizers.${case}
      COMMAND ${PYTHON3} ${SCRIPTS}/timeline.py ${case} ${TL_SAN_PMSIM} ${FW}
        ${PROJECT_SOURCE_DIR}/configs ${CMAKE_CURRENT_BINARY_DIR}/timeline.sanitizers.${case})
    set_tests_properties(timeline.sanitizers.${case} PROPERTIES
      ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1")
  endforeach()
endif()

