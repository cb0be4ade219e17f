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
