# The layering lint's own test: run over tests/packaging/layering (a few files of each kind it
# must refuse), it must fail and name every one of them with its rule.
cmake_minimum_required(VERSION 3.25)

execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${FIXTURE_DIR} -P ${LINT}
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(APPEND out "${err}")
if(result EQUAL 0)
  message(FATAL_ERROR "The layering lint passed code it must refuse:\n${out}")
endif()
set(expected
    "ui/supervisor/readers.cpp: #include \"app/workstation/workspace.h\": widgets include no program"
    "ui/supervisor/readers.cpp: `: QWidget(parent), m_context(context), m_watch(context.database, context.clock)`: ui/ hands no Database"
    "ui/supervisor/readers.cpp: `m_today = std::make_unique<TodayFigures>(context.database, context.cityZone);`: ui/ builds no store reader"
    "ui/supervisor/readers.cpp: `auto phone = PhoneFigures::of(m_context.database.connectionName(), today);`: ui/ hands no Database"
    "ui/supervisor/readers.cpp: opens a store"
    "ui/supervisor/readers.cpp: `const QString city = m_store.database.meta(QStringLiteral(\"city_name\"));`: ui/ reads nothing through the graph's Database"
    "ui/supervisor/readers.h: `Database &database;`: ui/ holds no Database"
    "models/city/graph.cpp: #include \"models/itemmodels/requestlistmodel.h\": capabilities include no item models"
    "models/city/graph.cpp: #include \"models/workstation/storecontext.h\": no capability includes the object graph")
foreach(line IN LISTS expected)
  string(FIND "${out}" "${line}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "The layering lint did not refuse\n  ${line}\nIt said:\n${out}")
  endif()
endforeach()
message(STATUS "The layering lint refuses each of the fixture's lines")
