/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * model_keys.c: what each key does on each screen (see model_keys.h).
 *
 * Order matters: the bar, the hint line and the help screen list the
 * bindings in table order, and the first binding of a key wins. Every
 * action with an F-key also has a letter (or other) key, since terminals
 * and desktops take some F-keys for themselves. Bar labels are at most six
 * columns in every language: translators see the budget in the comments.
 * Each binding names the operation it performs (enum cs_op); who has it is
 * the core's table (cs_role_can), not this file's.
 */
#include "model_keys.h"

#define N(a) (sizeof(a) / sizeof *(a))
#define KEYMAP(title, b) { title, b, N(b) }

/* TRANSLATORS: the bar labels below ("bar" context) must fit in 6
 * columns. */
#define HELP_BINDING \
    { TUI_ACT_HELP, 1, { '?', 'h' }, NC_("bar", "Help"), N_("help"), \
      N_("Show the keys of this screen"), CS_OP_ANY }
#define QUIT_BINDING \
    { TUI_ACT_QUIT, 10, { 'q' }, NC_("bar", "Quit"), N_("quit"), \
      N_("Quit consult"), CS_OP_ANY }
#define BACK_BINDING \
    { TUI_ACT_BACK, 9, { TUI_KEY_ESC, TUI_KEY_BACKSPACE, TUI_KEY_LEFT }, \
      NC_("bar", "Back"), N_("back"), \
      N_("Go back to the previous screen"), CS_OP_ANY }
#define REDRAW_BINDING \
    { TUI_ACT_REDRAW, 0, { TUI_CTRL('l') }, NULL, NULL, \
      N_("Repaint the whole terminal"), CS_OP_ANY }
#define MOVE_BINDINGS \
    { TUI_ACT_UP, 0, { TUI_KEY_UP, 'k' }, NULL, NULL, \
      N_("Move up one line"), CS_OP_ANY }, \
    { TUI_ACT_DOWN, 0, { TUI_KEY_DOWN, 'j' }, NULL, NULL, \
      N_("Move down one line"), CS_OP_ANY }, \
    { TUI_ACT_PGUP, 0, { TUI_KEY_PGUP }, NULL, NULL, \
      N_("Move up one page"), CS_OP_ANY }, \
    { TUI_ACT_PGDN, 0, { TUI_KEY_PGDN }, NULL, NULL, \
      N_("Move down one page"), CS_OP_ANY }, \
    { TUI_ACT_HOME, 0, { TUI_KEY_HOME }, NULL, NULL, \
      N_("Go to the first line"), CS_OP_ANY }, \
    { TUI_ACT_END, 0, { TUI_KEY_END }, NULL, NULL, \
      N_("Go to the last line"), CS_OP_ANY }

static const struct tui_binding cons_bindings[] = {
    HELP_BINDING,
    { TUI_ACT_OPEN, 3, { TUI_KEY_ENTER, TUI_KEY_RIGHT },
      NC_("bar", "Open"), N_("ideas"),
      N_("Open the ideas of the selected consultation"), CS_OP_ANY },
    { TUI_ACT_REFRESH, 5, { 'r', TUI_CTRL('r') }, NC_("bar", "Reload"),
      NULL, N_("Read the database again"), CS_OP_ANY },
    { TUI_ACT_TRIAGE, 7, { 't' }, NC_("bar", "Triage"), N_("triage"),
      N_("Triage the new ideas of the selected consultation one by one"),
      CS_OP_SET_STATUS },
    { TUI_ACT_STATS, 8, { 'g' }, NC_("bar", "Stats"), N_("statistics"),
      N_("Show the statistics of the selected consultation"),
      CS_OP_ANY },
    QUIT_BINDING,
    MOVE_BINDINGS,
    REDRAW_BINDING,
};

static const struct tui_binding ideas_bindings[] = {
    HELP_BINDING,
    { TUI_ACT_OPEN, 0, { TUI_KEY_ENTER, TUI_KEY_RIGHT }, NULL,
      NC_("hint", "open"), N_("Open the selected idea's page"),
      CS_OP_ANY },
    { TUI_ACT_ADD, 0, { 'a' }, NULL, NC_("hint", "add"),
      N_("Key in paper forms: open a blank entry form"), CS_OP_ADD_IDEA },
    { TUI_ACT_MARK, 0, { ' ' }, NULL, N_("mark"),
      N_("Mark or unmark the selected idea, then move down"),
      CS_OP_SET_STATUS },
    { TUI_ACT_STATUS, 2, { 's' }, NC_("bar", "Status"), N_("status"),
      N_("Set the status of the marked ideas (or the selected one)"),
      CS_OP_SET_STATUS },
    { TUI_ACT_SEARCH, 3, { '/' }, NC_("bar", "Search"), N_("search"),
      N_("Search titles and texts as you type (accents and case do not "
         "matter)"), CS_OP_ANY },
    { TUI_ACT_FILTER, 4, { 'f' }, NC_("bar", "Filter"), N_("filter"),
      N_("Filter by theme, status, channel, tag or paper batch"),
      CS_OP_ANY },
    { TUI_ACT_REFRESH, 5, { 'r', TUI_CTRL('r') }, NC_("bar", "Reload"),
      NULL, N_("Read the database again (other terminals' changes)"),
      CS_OP_ANY },
    { TUI_ACT_SORT, 6, { 'o' }, NC_("bar", "Sort"), N_("sort"),
      N_("Sort by date, then support, then number"), CS_OP_ANY },
    { TUI_ACT_TRIAGE, 7, { 't' }, NC_("bar", "Triage"), NULL,
      N_("Triage the new ideas one by one"), CS_OP_SET_STATUS },
    { TUI_ACT_STATS, 8, { 'g' }, NC_("bar", "Stats"), NULL,
      N_("Show the statistics of this consultation"), CS_OP_ANY },
    { TUI_ACT_CONSULTATIONS, 9, { 'c' }, NC_("bar", "Consul"), NULL,
      N_("Go to the list of consultations"), CS_OP_ANY },
    QUIT_BINDING,
    /* After quit: on the hint line where there is room (an agent's). */
    { TUI_ACT_TALLY_SHEET, 0, { 'v' }, NULL, N_("tally sheet"),
      N_("Key a tally sheet: a workshop's or ballot box's votes for and "
         "against, idea by idea"), CS_OP_VOTE },
    { TUI_ACT_REVERSE, 0, { 'O' }, NULL, NULL,
      N_("Reverse the order"), CS_OP_ANY },
    { TUI_ACT_CLEAR_FILTERS, 0, { 'x' }, NULL, NULL,
      N_("Clear the search and every filter"), CS_OP_ANY },
    { TUI_ACT_MARK_NONE, 0, { 'u' }, NULL, NULL,
      N_("Unmark every idea"), CS_OP_SET_STATUS },
    { TUI_ACT_TEMPLATES, 0, { 'A' }, NULL, NULL,
      N_("Answer templates of this consultation"), CS_OP_ANY },
    { TUI_ACT_THEMES, 0, { 'T' }, NULL, NULL,
      N_("Themes of this consultation: edit, retire or delete them"),
      CS_OP_ANY },
    { TUI_ACT_EDIT, 0, { 'e' }, NULL, NULL,
      N_("Correct the selected idea's form in the entry form (an agent: "
         "the forms it keyed)"), CS_OP_ADD_IDEA },
    { TUI_ACT_BACK, 0, { TUI_KEY_ESC }, NULL, NULL,
      N_("Clear the search"), CS_OP_ANY },
    MOVE_BINDINGS,
    REDRAW_BINDING,
};

static const struct tui_binding idea_bindings[] = {
    HELP_BINDING,
    { TUI_ACT_STATUS, 2, { 's' }, NC_("bar", "Status"), N_("status"),
      N_("Set the status, with the official answer when it needs one"),
      CS_OP_SET_STATUS },
    { TUI_ACT_TAG, 3, { 't' }, NC_("bar", "Tag"), N_("tag"),
      N_("Add a tag"), CS_OP_TAG },
    { TUI_ACT_HIDE, 4, { 'x' }, NC_("bar", "Hide"), NULL,
      N_("Hide the idea (moderation), giving the reason"), CS_OP_HIDE },
    { TUI_ACT_REFRESH, 5, { 'r', TUI_CTRL('r') }, NC_("bar", "Reload"),
      NULL, N_("Read the idea again"), CS_OP_ANY },
    { TUI_ACT_COMMENT, 6, { 'c' }, NC_("bar", "Remark"), N_("remark"),
      N_("Add a remark (a comment) to the idea"), CS_OP_COMMENT },
    { TUI_ACT_VOTE, 0, { 'v' }, NULL, N_("vote"),
      N_("Add a person's vote: find them as you type, or enter a new "
         "person"), CS_OP_VOTE },
    { TUI_ACT_MERGE, 7, { 'm' }, NC_("bar", "Merge"), N_("merge"),
      N_("Merge into another idea: type its number or choose a similar "
         "one, then confirm"), CS_OP_MERGE },
    { TUI_ACT_UNTAG, 8, { 'T' }, NC_("bar", "Untag"), NULL,
      N_("Take a tag off"), CS_OP_TAG },
    BACK_BINDING,
    QUIT_BINDING,
    { TUI_ACT_OPEN, 0, { TUI_KEY_ENTER }, NULL, NULL,
      N_("Open the similar idea on the cursor's line"), CS_OP_ANY },
    { TUI_ACT_UNMERGE, 0, { 'U' }, NULL, NULL,
      N_("Undo the merge of this idea"), CS_OP_MERGE },
    { TUI_ACT_NEXT_SECTION, 0, { TUI_KEY_TAB }, NULL, NULL,
      N_("Go to the next section"), CS_OP_ANY },
    { TUI_ACT_PREV_SECTION, 0, { TUI_KEY_BTAB }, NULL, NULL,
      N_("Go to the previous section"), CS_OP_ANY },
    MOVE_BINDINGS,
    REDRAW_BINDING,
};

static const struct tui_binding triage_bindings[] = {
    HELP_BINDING,
    { TUI_ACT_REVIEW, 2, { 'v' }, NC_("bar", "Review"), N_("review"),
      N_("Move it to \"reviewing\" and go to the next"), CS_OP_SET_STATUS },
    { TUI_ACT_ACCEPT, 3, { 'a' }, NC_("bar", "Accept"), N_("accept"),
      N_("Accept it, with an official answer"), CS_OP_SET_STATUS },
    { TUI_ACT_REJECT, 4, { 'r' }, NC_("bar", "Reject"), N_("reject"),
      N_("Reject it, with an official answer"), CS_OP_SET_STATUS },
    { TUI_ACT_IMPLEMENT, 5, { 'i' }, NC_("bar", "Done"), N_("done"),
      N_("Mark it implemented, with an official answer"), CS_OP_SET_STATUS },
    { TUI_ACT_HIDE, 6, { 'x' }, NC_("bar", "Hide"), N_("hide"),
      N_("Hide it (moderation), giving the reason"), CS_OP_HIDE },
    { TUI_ACT_MERGE, 7, { 'm' }, NC_("bar", "Merge"), N_("merge"),
      N_("Merge it into the idea it duplicates: type its number or "
         "choose a similar one, then confirm"), CS_OP_MERGE },
    { TUI_ACT_SKIP, 8, { 'n', ' ' }, NC_("bar", "Skip"), N_("skip"),
      N_("Leave it new and go to the next"), CS_OP_ANY },
    BACK_BINDING,
    QUIT_BINDING,
    { TUI_ACT_TAG, 0, { 't' }, NULL, NULL, N_("Add a tag"), CS_OP_TAG },
    { TUI_ACT_TEMPLATES, 0, { 'A' }, NULL, NULL,
      N_("Answer templates of this consultation"), CS_OP_ANY },
    { TUI_ACT_COMMENT, 0, { 'c' }, NULL, NULL,
      N_("Add a remark (a comment)"), CS_OP_COMMENT },
    { TUI_ACT_NEXT_SECTION, 0, { TUI_KEY_TAB }, NULL, NULL,
      N_("Go to the next section"), CS_OP_ANY },
    { TUI_ACT_PREV_SECTION, 0, { TUI_KEY_BTAB }, NULL, NULL,
      N_("Go to the previous section"), CS_OP_ANY },
    MOVE_BINDINGS,
    REDRAW_BINDING,
};

static const struct tui_binding templates_bindings[] = {
    HELP_BINDING,
    { TUI_ACT_OPEN, 2, { TUI_KEY_ENTER, 'e' }, NC_("bar", "Edit"),
      N_("edit"), N_("Write or change the selected template: its title, "
                     "then its text"), CS_OP_TEMPLATES },
    { TUI_ACT_DELETE, 8, { 'x', TUI_KEY_DELETE }, NC_("bar", "Delete"),
      N_("delete"), N_("Delete the selected template"), CS_OP_TEMPLATES },
    BACK_BINDING,
    QUIT_BINDING,
    MOVE_BINDINGS,
    REDRAW_BINDING,
};

static const struct tui_binding themes_bindings[] = {
    HELP_BINDING,
    { TUI_ACT_OPEN, 2, { TUI_KEY_ENTER, 'e' }, NC_("bar", "Title"),
      N_("title"), N_("Give the selected theme a new title"),
      CS_OP_CONSULTATIONS },
    { TUI_ACT_CODE, 3, { 'c' }, NC_("bar", "Code"), N_("code"),
      N_("Give the selected theme a new code"), CS_OP_CONSULTATIONS },
    { TUI_ACT_RETIRE, 4, { 'x' }, NC_("bar", "Retire"), N_("retire"),
      N_("Retire the selected theme (its ideas keep it; the entry form "
         "no longer offers it), or offer it again"), CS_OP_CONSULTATIONS },
    { TUI_ACT_REFRESH, 5, { 'r', TUI_CTRL('r') }, NC_("bar", "Reload"),
      NULL, N_("Read the themes again"), CS_OP_ANY },
    { TUI_ACT_DELETE, 8, { TUI_KEY_DELETE, 'd' }, NC_("bar", "Delete"),
      N_("delete"), N_("Delete the selected theme, if it has no ideas"),
      CS_OP_CONSULTATIONS },
    BACK_BINDING,
    QUIT_BINDING,
    MOVE_BINDINGS,
    REDRAW_BINDING,
};

static const struct tui_binding stats_bindings[] = {
    HELP_BINDING,
    { TUI_ACT_REFRESH, 5, { 'r', TUI_CTRL('r') }, NC_("bar", "Reload"),
      N_("reload"), N_("Count again"), CS_OP_ANY },
    { TUI_ACT_WEEKS, 6, { 'w' }, NC_("bar", "Weeks"), N_("weeks"),
      N_("Count the contributions week by week (reads every vote)"),
      CS_OP_ANY },
    BACK_BINDING,
    QUIT_BINDING,
    MOVE_BINDINGS,
    REDRAW_BINDING,
};

/* A tally sheet: digits are counts; letters and the other keys act. */
static const struct tui_binding tally_bindings[] = {
    HELP_BINDING,
    { TUI_ACT_SAVE, 2, { TUI_CTRL('s') }, NC_("bar", "Save"), N_("save"),
      N_("Save every line typed, in one go"), CS_OP_VOTE },
    { TUI_ACT_BACK, 9, { TUI_KEY_ESC }, NC_("bar", "Back"), N_("back"),
      N_("Go back to the ideas (asks first when lines typed are not "
         "saved)"), CS_OP_ANY },
    { TUI_ACT_QUIT, 10, { 'q' }, NC_("bar", "Quit"), NULL,
      N_("Quit consult (asks first when lines typed are not saved)"),
      CS_OP_ANY },
    { TUI_ACT_NEXT_SECTION, 0, { TUI_KEY_TAB, TUI_KEY_ENTER }, NULL,
      N_("next count"),
      N_("Go to the next count: for, then against, then the next line"),
      CS_OP_ANY },
    { TUI_ACT_PREV_SECTION, 0, { TUI_KEY_BTAB }, NULL, NULL,
      N_("Go back to the previous count"), CS_OP_ANY },
    { TUI_ACT_DELETE, 0, { TUI_KEY_BACKSPACE }, NULL, NULL,
      N_("Take the last digit off the count"), CS_OP_ANY },
    { TUI_ACT_UP, 0, { TUI_KEY_UP }, NULL, NULL,
      N_("Move up one line"), CS_OP_ANY },
    { TUI_ACT_DOWN, 0, { TUI_KEY_DOWN }, NULL, NULL,
      N_("Move down one line"), CS_OP_ANY },
    { TUI_ACT_PGUP, 0, { TUI_KEY_PGUP }, NULL, NULL,
      N_("Move up one page"), CS_OP_ANY },
    { TUI_ACT_PGDN, 0, { TUI_KEY_PGDN }, NULL, NULL,
      N_("Move down one page"), CS_OP_ANY },
    { TUI_ACT_HOME, 0, { TUI_KEY_HOME }, NULL, NULL,
      N_("Go to the first line"), CS_OP_ANY },
    { TUI_ACT_END, 0, { TUI_KEY_END }, NULL, NULL,
      N_("Go to the last line"), CS_OP_ANY },
    REDRAW_BINDING,
};

/* A list found as a name is typed: letters are text, so only F-keys,
 * Esc, Enter and the moving keys act. */
static const struct tui_binding find_bindings[] = {
    { TUI_ACT_OPEN, 2, { TUI_KEY_ENTER }, NC_("bar", "Choose"),
      N_("choose"), N_("Choose the selected line"), CS_OP_ANY },
    { TUI_ACT_CANCEL, 9, { TUI_KEY_ESC }, NC_("bar", "Cancel"),
      N_("cancel"), N_("Close without choosing"), CS_OP_ANY },
    { TUI_ACT_QUIT, 10, { 0 }, NC_("bar", "Quit"), NULL,
      N_("Quit consult (asks first when text would be lost)"),
      CS_OP_ANY },
    { TUI_ACT_UP, 0, { TUI_KEY_UP }, NULL, NULL,
      N_("Move up one line"), CS_OP_ANY },
    { TUI_ACT_DOWN, 0, { TUI_KEY_DOWN }, NULL, NULL,
      N_("Move down one line"), CS_OP_ANY },
    { TUI_ACT_PGUP, 0, { TUI_KEY_PGUP }, NULL, NULL,
      N_("Move up one page"), CS_OP_ANY },
    { TUI_ACT_PGDN, 0, { TUI_KEY_PGDN }, NULL, NULL,
      N_("Move down one page"), CS_OP_ANY },
    REDRAW_BINDING,
};

static const struct tui_binding help_bindings[] = {
    BACK_BINDING,
    QUIT_BINDING,
    MOVE_BINDINGS,
    REDRAW_BINDING,
};

static const struct tui_binding menu_bindings[] = {
    { TUI_ACT_OPEN, 2, { TUI_KEY_ENTER }, NC_("bar", "Choose"),
      N_("choose"), N_("Choose the selected line"), CS_OP_ANY },
    { TUI_ACT_CANCEL, 9, { TUI_KEY_ESC }, NC_("bar", "Cancel"),
      N_("cancel"), N_("Close without choosing"), CS_OP_ANY },
    QUIT_BINDING,
    MOVE_BINDINGS,
    REDRAW_BINDING,
};

/* In an editor, letters are text: only F-keys, Esc and control keys act. */
static const struct tui_binding editor_bindings[] = {
    { TUI_ACT_SAVE, 2, { TUI_CTRL('s') }, NC_("bar", "Save"), N_("save"),
      N_("Save the text"), CS_OP_ANY },
    { TUI_ACT_CANCEL, 9, { TUI_KEY_ESC }, NC_("bar", "Cancel"),
      N_("cancel"), N_("Close without saving"), CS_OP_ANY },
    { TUI_ACT_QUIT, 10, { 0 }, NC_("bar", "Quit"), NULL,
      N_("Quit consult (asks first when text would be lost)"),
      CS_OP_ANY },
    REDRAW_BINDING,
};

/* A yes or no question: Enter gives the answer the question names as its
 * default. */
static const struct tui_binding confirm_bindings[] = {
    { TUI_ACT_SAVE, 2, { 'y' }, NC_("bar", "Yes"), N_("yes"),
      N_("Answer yes"), CS_OP_ANY },
    { TUI_ACT_CANCEL, 9, { 'n', TUI_KEY_ESC }, NC_("bar", "No"), N_("no"),
      N_("Answer no"), CS_OP_ANY },
    { TUI_ACT_QUIT, 10, { 0 }, NC_("bar", "Quit"), NULL,
      N_("Quit consult (asks first when text would be lost)"),
      CS_OP_ANY },
    REDRAW_BINDING,
};

/* A decision refused because the idea changed meanwhile: two ways on. */
static const struct tui_binding stale_bindings[] = {
    { TUI_ACT_APPLY_ANYWAY, 2, { 'a' }, NC_("bar", "Apply"),
      N_("apply anyway"),
      N_("Save the refused decision anyway, over the change shown"),
      CS_OP_ANY },
    { TUI_ACT_LOOK_AGAIN, 5, { 'l', TUI_KEY_ESC }, NC_("bar", "Look"),
      N_("look again"),
      N_("Show the idea as it is now; the text typed is kept for the next "
         "try"), CS_OP_ANY },
    QUIT_BINDING,
    REDRAW_BINDING,
};

/* The entry form: letters are text, so every action is an F-key or a
 * control key (Ctrl-G for help, as in nano). */
static const struct tui_binding form_bindings[] = {
    { TUI_ACT_HELP, 1, { TUI_CTRL('g') }, NC_("bar", "Help"), N_("help"),
      N_("Show the keys of the entry form"), CS_OP_ANY },
    { TUI_ACT_SAVE, 2, { TUI_CTRL('s') }, NC_("bar", "Save"), N_("save"),
      N_("Save the form and open the next blank one (theme, batch and "
         "date kept)"), CS_OP_ADD_IDEA },
    { TUI_ACT_OPEN, 3, { TUI_CTRL('o') }, NC_("bar", "Open"), NULL,
      N_("Open a form keyed earlier, by its reference, to correct it"),
      CS_OP_ADD_IDEA },
    { TUI_ACT_NEXT_SECTION, 0, { TUI_KEY_TAB, TUI_KEY_ENTER }, NULL,
      N_("next field"),
      N_("Go to the next field (in the text, Enter adds a line and Tab "
         "leaves)"), CS_OP_ANY },
    { TUI_ACT_PREV_SECTION, 0, { TUI_KEY_BTAB }, NULL, NULL,
      N_("Go back to the previous field"), CS_OP_ANY },
    { TUI_ACT_BACK, 9, { TUI_KEY_ESC }, NC_("bar", "Back"), N_("leave"),
      N_("Leave the form (asks first when something is typed)"),
      CS_OP_ANY },
    { TUI_ACT_QUIT, 10, { 0 }, NC_("bar", "Quit"), NULL,
      N_("Quit consult (asks first when something is typed)"), CS_OP_ANY },
    REDRAW_BINDING,
};

/* A form very like an idea already there: three ways on. */
#define SIMILAR_SAVE \
    { TUI_ACT_APPLY_ANYWAY, 2, { 's' }, NC_("bar", "Save"), \
      N_("save anyway"), N_("Save the form as a new idea anyway"), \
      CS_OP_ADD_IDEA }
#define SIMILAR_BACK \
    { TUI_ACT_CANCEL, 9, { 'b', TUI_KEY_ESC }, NC_("bar", "Back"), \
      N_("back to the form"), \
      N_("Go back to the form; nothing is saved"), CS_OP_ANY }
static const struct tui_binding similar_bindings[] = {
    SIMILAR_SAVE,
    { TUI_ACT_SUPPORT, 3, { 'v' }, NC_("bar", "Vote"),
      N_("support it instead"),
      N_("Record this person's support for the idea shown instead, the "
         "text typed kept as their remark on it"), CS_OP_VOTE },
    SIMILAR_BACK,
    QUIT_BINDING,
    REDRAW_BINDING,
};

/* The same for an anonymous form: no one's support to record. */
static const struct tui_binding similar_anon_bindings[] = {
    SIMILAR_SAVE,
    SIMILAR_BACK,
    QUIT_BINDING,
    REDRAW_BINDING,
};

/* The form's reference is already in the consultation. */
static const struct tui_binding ref_taken_bindings[] = {
    { TUI_ACT_EDIT, 4, { 'e' }, NC_("bar", "Edit"), N_("correct that form"),
      N_("Open the form shown, to correct it (what was typed here is "
         "dropped)"), CS_OP_ADD_IDEA },
    { TUI_ACT_CANCEL, 9, { 'b', TUI_KEY_ESC, TUI_KEY_ENTER },
      NC_("bar", "Back"), N_("back to the form"),
      N_("Go back to the form to change the reference"), CS_OP_ANY },
    QUIT_BINDING,
    REDRAW_BINDING,
};

const struct tui_keymap tui_keys_cons =
    KEYMAP(N_("Consultations"), cons_bindings);
const struct tui_keymap tui_keys_ideas = KEYMAP(N_("Ideas"), ideas_bindings);
const struct tui_keymap tui_keys_idea =
    KEYMAP(N_("An idea's page"), idea_bindings);
const struct tui_keymap tui_keys_triage =
    KEYMAP(N_("Triage"), triage_bindings);
const struct tui_keymap tui_keys_templates =
    KEYMAP(N_("Answer templates"), templates_bindings);
const struct tui_keymap tui_keys_themes =
    KEYMAP(N_("Themes"), themes_bindings);
const struct tui_keymap tui_keys_stats =
    KEYMAP(N_("Statistics"), stats_bindings);
const struct tui_keymap tui_keys_tally =
    KEYMAP(N_("Tally sheet"), tally_bindings);
const struct tui_keymap tui_keys_find =
    KEYMAP(N_("Find as you type"), find_bindings);
const struct tui_keymap tui_keys_help = KEYMAP(N_("Help"), help_bindings);
const struct tui_keymap tui_keys_menu = KEYMAP(N_("Choice"), menu_bindings);
const struct tui_keymap tui_keys_editor =
    KEYMAP(N_("Text editor"), editor_bindings);
const struct tui_keymap tui_keys_confirm =
    KEYMAP(N_("Question"), confirm_bindings);
const struct tui_keymap tui_keys_stale =
    KEYMAP(N_("Changed meanwhile"), stale_bindings);

const struct tui_keymap tui_keys_form =
    KEYMAP(N_("Entry form"), form_bindings);
const struct tui_keymap tui_keys_similar =
    KEYMAP(N_("A very similar idea"), similar_bindings);
const struct tui_keymap tui_keys_similar_anon =
    KEYMAP(N_("A very similar idea (anonymous form)"),
           similar_anon_bindings);
const struct tui_keymap tui_keys_ref_taken =
    KEYMAP(N_("Form reference taken"), ref_taken_bindings);

const struct tui_keymap *const tui_keymaps[] = {
    &tui_keys_cons, &tui_keys_ideas, &tui_keys_idea, &tui_keys_triage,
    &tui_keys_stats, &tui_keys_templates, &tui_keys_themes, &tui_keys_help,
    &tui_keys_menu,
    &tui_keys_editor, &tui_keys_confirm, &tui_keys_stale, &tui_keys_tally,
    &tui_keys_find, &tui_keys_form, &tui_keys_similar,
    &tui_keys_similar_anon, &tui_keys_ref_taken,
    NULL,
};
