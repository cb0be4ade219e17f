# pmsim run --gui (docs/gui.md): the screenshot's picture and the report
# it leaves unchanged; the same in a real X window under Xvfb; the power
# button clicked in the window wakes a suspended pmfw; typing and closing
# the interactive window; a signal; the refusals. Included from
# tests/CMakeLists.txt (FW, SCRIPTS, PMSIM).

if(PMSIM_FIRMWARE)
  find_program(PYTHON3 python3)
  if(PMSIM_HAVE_GUI AND PYTHON3)
    foreach(case screenshot xvfb button interactive signal usage lcd)
      add_test(NAME gui.${case}
        COMMAND ${PYTHON3} ${SCRIPTS}/gui_check.py ${case} ${PMSIM} ${FW}/pmfw/pmfw.elf
          ${CMAKE_CURRENT_BINARY_DIR}/gui.${case})
    endforeach()
    set_tests_properties(gui.xvfb PROPERTIES SKIP_RETURN_CODE 77)
  elseif(NOT PMSIM_HAVE_GUI)
    # Built without SDL2: --gui is refused, before anything is created.
    expect(gui.without_sdl2 64 "="
      "=pmsim: pmsim was built without SDL2 (install libsdl2-dev and rebuild)\n"
      ${PMSIM} run --gui ${FW}/pmfw/pmfw.elf)
    expect(gui.without_sdl2.screenshot 64 "="
      "=pmsim: pmsim was built without SDL2 (install libsdl2-dev and rebuild)\n"
      ${PMSIM} run --gui-screenshot ${CMAKE_CURRENT_BINARY_DIR}/gui.none.bmp --until 1ms
      ${FW}/pmfw/pmfw.elf)
  endif()
endif()

# The debugger and the window each drive the run: not both.
expect(gui.with_gdb 64 "=" "~--gdb and --gui (or --gui-screenshot) cannot be used together"
  ${PMSIM} run --gdb 0 --gui-screenshot x.bmp --until 1ms x.elf)

