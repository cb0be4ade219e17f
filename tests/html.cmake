# --html (docs/html.md): the page of the PM firmware's demo parsed as XML
# and compared with the JSON report of the same run, determinism, the
# truncated timeline, and headless Chromium (script errors, the drawn
# series, the zoom fragment, a screenshot). Included from
# tests/CMakeLists.txt (FW, SCRIPTS, PMSIM).

if(PMSIM_FIRMWARE)
  find_program(PYTHON3 python3)
  if(PYTHON3)
    foreach(case xml determinism truncated chromium)
      add_test(NAME html.${case}
        COMMAND ${PYTHON3} ${SCRIPTS}/html_check.py ${case} ${PMSIM} ${FW}
          ${CMAKE_CURRENT_BINARY_DIR}/html.${case})
    endforeach()
    # Exit 77: Chromium is not installed.
    set_tests_properties(html.chromium PROPERTIES SKIP_RETURN_CODE 77)
  endif()
endif()
