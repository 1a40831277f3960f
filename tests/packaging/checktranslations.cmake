# Runs lupdate over the current sources into copies of the committed .ts files and fails when a
# message is untranslated (new strings, or strings that were never translated).
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
file(GLOB_RECURSE sources
  ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/models/*.cpp
  ${SOURCE_DIR}/models/*.h ${SOURCE_DIR}/ui/*.cpp ${SOURCE_DIR}/ui/*.h)
set(list_file ${WORK_DIR}/sources.lst)
string(REPLACE ";" "\n" lines "${sources}")
file(WRITE ${list_file} "${lines}\n")
foreach(lang en es)
  file(COPY ${SOURCE_DIR}/translations/civicdesk_${lang}.ts DESTINATION ${WORK_DIR})
  execute_process(
    COMMAND ${LUPDATE} -no-obsolete -locations none
            -I ${SOURCE_DIR}
            @${list_file} -ts ${WORK_DIR}/civicdesk_${lang}.ts
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed: ${err}")
  endif()
  file(READ ${WORK_DIR}/civicdesk_${lang}.ts content)
  string(REGEX MATCHALL "type=\"unfinished\"" unfinished "${content}")
  list(LENGTH unfinished count)
  if(count GREATER 0)
    message(FATAL_ERROR "civicdesk_${lang}.ts: ${count} message(s) untranslated. Run "
                        "`cmake --build build --target civicdesk_translations_lupdate` and "
                        "translate them.")
  endif()
endforeach()
message(STATUS "translations complete")
