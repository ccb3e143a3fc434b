// CNcurses: the only door from Swift to ncursesw.
//
// Swift cannot call C macros with arguments, variadic functions or read mutable C globals under
// strict concurrency, so each one TrailDeck needs is wrapped here in a `static inline` function
// named `tdcurses_*`. Plain integer macros (KEY_DOWN, ERR, OK, KEY_CODE_YES, …) import as is.
#ifndef TRAILDECK_CNCURSES_SHIM_H
#define TRAILDECK_CNCURSES_SHIM_H

// Must precede curses.h: it switches on cchar_t, wget_wch, mvadd_wch and the other wide-char calls.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// MARK: Globals (mutable C globals are not concurrency-safe to touch from Swift directly)

static inline WINDOW *tdcurses_stdscr(void) { return stdscr; }
static inline WINDOW *tdcurses_curscr(void) { return curscr; }
static inline int tdcurses_colors(void) { return COLORS; }
static inline int tdcurses_color_pairs(void) { return COLOR_PAIRS; }

/// getmaxyx is a macro that assigns to its arguments.
static inline void tdcurses_getmaxyx(WINDOW *win, int *y, int *x) {
  int rows = 0, cols = 0;
  if (win != NULL) {
    getmaxyx(win, rows, cols);
  }
  *y = rows;
  *x = cols;
}

// MARK: Setup

/// Starts ncurses on stdin/stdout for $TERM. Unlike initscr it returns NULL instead of exiting the
/// process when the terminal type is unknown, so the caller can report it.
static inline SCREEN *tdcurses_newterm(void) {
  SCREEN *screen = newterm(NULL, stdout, stdin);
  if (screen != NULL) {
    set_term(screen);
  }
  return screen;
}

/// Switches the whole process to the user's locale so ncursesw encodes UTF-8 output.
static inline void tdcurses_use_environment_locale(void) { setlocale(LC_ALL, ""); }

static inline int tdcurses_set_escdelay(int milliseconds) { return set_escdelay(milliseconds); }

/// Turns on the mouse for presses and the wheel (buttons 4/5) only; no motion reports.
/// mouseinterval(0) reports a press at once instead of waiting to see whether it becomes a click.
static inline int tdcurses_enable_mouse(void) {
  mmask_t wanted = BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
  mmask_t granted = mousemask(wanted, NULL);
  mouseinterval(0);
  return granted != 0;
}

/// Teaches ncurses the Home/End sequences terminals send beyond what their terminfo entry says
/// (tmux and screen send ESC[1~ / ESC[4~ even under TERM=xterm-256color; rxvt sends ESC[7~ / ESC[8~).
/// Sequences the entry already binds are left alone.
static inline void tdcurses_define_extra_keys(void) {
  static const struct {
    const char *sequence;
    int key;
  } extras[] = {
      {"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[7~", KEY_HOME}, {"\033[8~", KEY_END},
      {"\033[H", KEY_HOME},  {"\033[F", KEY_END},  {"\033OH", KEY_HOME},  {"\033OF", KEY_END},
  };
  for (size_t i = 0; i < sizeof extras / sizeof extras[0]; i++) {
    if (key_defined(extras[i].sequence) == 0) {
      define_key(extras[i].sequence, extras[i].key);
    }
  }
}

static inline void tdcurses_disable_mouse(void) { mousemask(0, NULL); }

// MARK: Attributes and colours

static inline attr_t tdcurses_attr_normal(void) { return A_NORMAL; }
static inline attr_t tdcurses_attr_bold(void) { return A_BOLD; }
static inline attr_t tdcurses_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t tdcurses_attr_reverse(void) { return A_REVERSE; }
static inline int tdcurses_color_pair(int pair) { return (int)COLOR_PAIR(pair); }

/// Defines a colour pair; uses the extended call where ncurses has it so pairs above 32767 work.
static inline int tdcurses_init_pair(int pair, int foreground, int background) {
#if defined(NCURSES_EXT_COLORS) && NCURSES_EXT_COLORS
  return init_extended_pair(pair, foreground, background);
#else
  return init_pair((short)pair, (short)foreground, (short)background);
#endif
}

// MARK: Painting

/// Puts one grapheme (up to CCHARW_MAX-1 code points: a spacing character plus combining marks)
/// at (y, x) with attributes and an extended colour pair. Returns ERR when ncurses rejects it.
static inline int tdcurses_put_cell(int y, int x, const wchar_t *grapheme, attr_t attrs, int pair) {
  cchar_t cell;
  memset(&cell, 0, sizeof cell);
  // The last argument carries the pair as an int so pairs beyond a short still work.
  if (setcchar(&cell, grapheme, attrs, 0, &pair) == ERR) {
    return ERR;
  }
  return mvadd_wch(y, x, &cell);
}

/// Fallback for graphemes longer than a cchar_t holds (emoji ZWJ sequences): writes the code points
/// as a string with the given attributes and pair.
static inline int tdcurses_put_string(int y, int x, const wchar_t *text, int count, attr_t attrs, int pair) {
  attr_set(attrs, 0, &pair);
  int result = mvaddnwstr(y, x, text, count);
  attr_set(A_NORMAL, 0, NULL);
  return result;
}

// MARK: Input

/// Outcome of tdcurses_read: 0 nothing (timeout), 1 a character in *code, 2 a KEY_* code in *code.
static inline int tdcurses_read(int timeout_ms, int *code) {
  wint_t wide = 0;
  WINDOW *win = stdscr;
  if (win == NULL) {
    return 0;
  }
  wtimeout(win, timeout_ms);
  int result = wget_wch(win, &wide);
  *code = (int)wide;
  if (result == OK) {
    return 1;
  }
  if (result == KEY_CODE_YES) {
    return 2;
  }
  return 0;
}

static inline int tdcurses_key_f(int n) { return KEY_F(n); }

/// Mouse outcome: 0 ignore, 1 left press, 2 wheel up, 3 wheel down; cell coordinates in *x, *y.
static inline int tdcurses_read_mouse(int *x, int *y) {
  MEVENT event;
  memset(&event, 0, sizeof event);
  if (getmouse(&event) != OK) {
    return 0;
  }
  *x = event.x;
  *y = event.y;
  if (event.bstate & BUTTON4_PRESSED) {
    return 2;
  }
  if (event.bstate & BUTTON5_PRESSED) {
    return 3;
  }
  if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) {
    return 1;
  }
  return 0;
}

/// Waits until `input` or `wake` is readable or the timeout passes (negative waits forever).
/// Returns a bit set: 1 input readable, 2 wake readable, 4 input hung up (the terminal is gone:
/// its pty closed), 0 timeout or a signal (SIGWINCH) interrupted the wait.
static inline int tdcurses_wait_readable(int input, int wake, int timeout_ms) {
  struct pollfd fds[2];
  fds[0].fd = input;
  fds[0].events = POLLIN;
  fds[0].revents = 0;
  fds[1].fd = wake;
  fds[1].events = POLLIN;
  fds[1].revents = 0;
  if (poll(fds, wake >= 0 ? 2 : 1, timeout_ms) <= 0) {
    return 0;
  }
  int ready = 0;
  if (fds[0].revents & POLLIN) ready |= 1;
  if (fds[1].revents & POLLIN) ready |= 2;
  if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) ready |= 4;
  return ready;
}

// MARK: Signals

/// Installs `handler` for `sig` with sigaction, saving the previous action into `previous`
/// so a crash handler can hand the signal on to whatever was there before (the Swift backtracer).
static inline int tdcurses_install_signal(int sig, void (*handler)(int), struct sigaction *previous) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  return sigaction(sig, &action, previous);
}

static inline int tdcurses_reinstall_signal(int sig, const struct sigaction *previous) {
  return sigaction(sig, previous, NULL);
}

static inline void tdcurses_reset_and_raise(int sig) {
  signal(sig, SIG_DFL);
  raise(sig);
}

#endif
