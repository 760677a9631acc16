# Writes the man page from the program's own --help, so the two never disagree.
# cmake -DLAB=<concurrency-lab> -DOUT=<file.1> -DVERSION=<x.y.z> -P man.cmake
execute_process(COMMAND "${LAB}" --help OUTPUT_VARIABLE help RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${LAB} --help failed: ${status}")
endif()
string(REGEX REPLACE "Usage: [^ \n]*concurrency-lab" "Usage: concurrency-lab" help "${help}")
# roff: a backslash is written \e; a line may not begin with a control character.
string(REPLACE "\\" "\\e" help "${help}")
string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
file(WRITE "${OUT}" ".TH CONCURRENCY-LAB 1 \"\" \"concurrency-lab ${VERSION}\" \"User Commands\"
.SH NAME
concurrency-lab \\- run the lesson on concurrency and parallelism, and see it
.SH SYNOPSIS
.B concurrency-lab
.br
.B concurrency-lab
.I command
.RI [ options ]
.SH DESCRIPTION
Without arguments, concurrency-lab opens its window. With a command it runs headless;
what follows is its --help.
.PP
.nf
${help}
.fi
.SH FILES
.TP
.I ~/.cache/concurrency-lab/lesson-pace.json
the lesson's pace measured on this machine
.TP
.I *.clrun
saved runs (run --save, File > Save run)
")
