# The thermal model from the command line (docs/power.md "Temperature",
# docs/cli.md): pmsim info, --ambient, its refusals, the report's thermal
# section, the die's shutdown temperature. The model itself is tests/unit/
# test_thermal.c; scenarios/thermal.lua drives ambient() and
# temperature().
# pmsim info: the figures a temperature is checked against by hand.
expect(thermal.info 0 "~  die: 2500 uJ/K, 12000 mK/W to package (RC 0.03 s)" "=" ${PMSIM} info)
expect(thermal.info.total 0 "%  die to ambient 38 K/W" "=" ${PMSIM} info)
expect(thermal.info.zone 0 "%  zone cpu-thermal on die: cpu-passive passive 85.000 C, cpu-hot hot 95.000 C, cpu-critical critical 105.000 C" "=" ${PMSIM} info)
expect(thermal.info.mcu 0 "%  die to ambient 65 K/W" "=" ${PMSIM} info --config ${PROJECT_SOURCE_DIR}/configs/mcu.dts)
expect(thermal.info.no_model 0 "!Thermal model" "=" ${PMSIM} info --config ${CMAKE_CURRENT_SOURCE_DIR}/configs/no_thermal.dts)

if(PMSIM_FIRMWARE)
  set(NO_THERMAL ${CMAKE_CURRENT_SOURCE_DIR}/configs/no_thermal.dts)
  expect(thermal.summary 0 - "%Thermal (ambient 25.00 °C, a step every 1.000 ms)"
    ${PMSIM} run --summary ${FW}/hello/hello.elf)
  expect(thermal.ambient 0 - "%Thermal (ambient 45.00 °C, a step every 1.000 ms)"
    ${PMSIM} run --summary --ambient 45 ${FW}/hello/hello.elf)
  expect(thermal.ambient.negative 0 - "%Thermal (ambient -10.50 °C, a step every 1.000 ms)"
    ${PMSIM} run --summary --ambient=-10.5 ${FW}/hello/hello.elf)
  expect(thermal.ambient.range 64 "=" "~option --ambient needs a temperature in degrees Celsius, -273.15 to 500 (got '600')"
    ${PMSIM} run --ambient 600 ${FW}/hello/hello.elf)
  expect(thermal.ambient.nan 64 "=" "~option --ambient needs a temperature in degrees Celsius, -273.15 to 500 (got 'nan')"
    ${PMSIM} run --ambient nan ${FW}/hello/hello.elf)
  expect(thermal.ambient.no_model 64 "=" "~--ambient: ${NO_THERMAL} has no thermal model"
    ${PMSIM} run --config ${NO_THERMAL} --ambient 30 ${FW}/hello/hello.elf)
  expect(thermal.no_model 0 - "%Thermal: no thermal model"
    ${PMSIM} run --config ${NO_THERMAL} --summary ${FW}/hello/hello.elf)
  # The die's own cut-off: pmsim,shutdown-millicelsius 30 m°C above the
  # ambient, which a busy core's heat crosses.
  expect(thermal.shutdown 123 - "~above the thermal model's pmsim,shutdown-millicelsius (25.03 °C)"
    ${PMSIM} run --config ${CMAKE_CURRENT_SOURCE_DIR}/configs/thermal_shutdown.dts
      --until 2s ${FW}/pmfw/pmfw.elf -- "quiet workload start busy")
endif()
