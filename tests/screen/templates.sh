# SPDX-License-Identifier: EUPL-1.2
#
# templates.sh: answer templates in tmux on the demo database: write one
# on its screen, then answer with it by its number, in triage (filled for
# the idea in the editor) and for several marked ideas at once (filled for
# each idea as it changes), checking the answers in the database; and the
# core refusing a template without a text.
. "$CONSULT_SRC/tests/screen/lib.sh"

start 80 24
wait_for "50 ideas"
keys A
wait_for "Answer templates  |  AGENTS21  |  0 of 9"
wait_cursor 1
expect_line 1 "> 1  (free)"
keys Down Enter
wait_for "Title of template 2:"
type "Accord, budget 2022"
keys Enter
wait_for "Template 2: {title} {id} {theme} {date} {consultation} are filled in"
type "Votre idée « {title} » (n° {id}) est retenue."
keys F2
wait_for "Template 2 saved."
expect_line_has 2 "> 2  Accord, budget 2022"
# A template needs a text: the core says so.
keys Down Enter
wait_for "Title of template 3:"
type "Vide"
keys Enter
wait_for "Template 3:"
keys F2
wait_for "A template needs a text."
keys Escape
wait_for "50 ideas"

# ---------------------------------------------------------------- triage
keys t
wait_for "Triage AGENTS21  |  idea "
idea=$(line 0 | sed -n 's/.*|  idea \([0-9]*\)  |.*/\1/p')
title=$(line 1 | sed 's/^>//')
keys a
wait_for "Start the official answer (accepted) for idea $idea from"
expect_line_has 1 "> 0  a blank answer"
expect_line_has 2 "  2  Accord, budget 2022"
keys 2
wait_for "Official answer (accepted) for idea $idea"
wait_for "Votre idée « $title » (n° $idea) est retenue."
keys F2
wait_for "Idea $idea is now accepted"
c idea show "$idea"
check "the triaged idea has the filled answer" \
    out_has "Votre idée « $title » (n° $idea) est retenue."
keys Escape
wait_for "50 ideas"

# ---------------------------------------------------------------- several
keys Space Space s 3
wait_for "Start the official answer (accepted) for 2 marked ideas from"
keys 2
# Several ideas: the placeholders stay, filled for each idea.
wait_for "Votre idée « {title} » (n° {id}) est retenue."
keys F2
wait_for "2 ideas are now accepted."
c idea show 48
want="Votre idée « Des produits locaux et de saison à la cuisine centrale »"
check "idea 48 has its own title in its answer" \
    out_has "$want (n° 48) est retenue."
c idea show 47
check "idea 47 too" out_has "(n° 47) est retenue."
keys q
wait_exit

finish
