# The gdb stub (`pmsim run --gdb`, docs/debugging.md), driven by Debian's
# gdb-multiarch (tests/gdb/*.gdb) and over a raw socket
# (tests/scripts/gdb_stub.py). The stub runs in a build of pmsim under
# AddressSanitizer and UBSan (the suite's sanitizer build of the core, with
# the program's top on it), so that malformed packets and dropped
# connections are checked for memory errors as well as for answers.
# Included from tests/CMakeLists.txt (FW, SCRIPTS, PMSIM).

if(PMSIM_FIRMWARE)
  find_program(PYTHON3 python3)
  if(PYTHON3)
    if(PMSIM_ASAN AND PMSIM_UBSAN)
      set(GDB_PMSIM ${PMSIM})
    else()
      add_executable(pmsim_asan ${PROJECT_SOURCE_DIR}/front/main.c ${PMSIM_FRONT_SOURCES})
      # pmsim_core_asan (tests/CMakeLists.txt) brings the sanitizer flags.
      target_link_libraries(pmsim_asan PRIVATE pmsim_core_asan PkgConfig::LUA)
      set(GDB_PMSIM $<TARGET_FILE:pmsim_asan>)
    endif()
    foreach(case session watch monitor ctrlc attach raw lockup determinism cli fp)
      add_test(NAME gdb.${case}
        COMMAND ${PYTHON3} ${SCRIPTS}/gdb_stub.py ${case} ${GDB_PMSIM} ${FW}
          ${CMAKE_CURRENT_SOURCE_DIR}/gdb ${CMAKE_CURRENT_BINARY_DIR}/gdb.${case})
      set_tests_properties(gdb.${case} PROPERTIES SKIP_RETURN_CODE 77
        ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1")
    endforeach()
  endif()
endif()
