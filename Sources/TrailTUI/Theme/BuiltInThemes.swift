/// Theme texts compiled into the program. `default` mirrors `themes/default.theme`; a test keeps them equal.
public enum BuiltInThemes {
  /// The dark default theme; every role is listed.
  public static let defaultText = """
    # TrailDeck default (dark) theme.
    # role = foreground [on background] [bold] [underline] [reverse]
    normal           = default
    header           = bold white on 236
    tab              = 250 on 236
    tab.active       = bold black on cyan
    selection        = black on #5fafd7
    muted            = 244
    border           = 240
    title            = bold cyan
    status           = 252 on 236
    key              = bold yellow on 236
    error            = bold red
    warning          = yellow
    success          = green
    write            = 215
    readonly         = default
    insight          = magenta
    new              = bold bright-green
    match            = black on yellow
    input            = white on 238
    chart            = cyan
    json.key         = 117
    json.string      = 150
    json.number      = 180
    json.literal     = 176
    json.punctuation = 245
    sql.keyword      = bold 75
    sql.string       = 150
    sql.number       = 180
    sql.comment      = 244
    sql.function     = 176

    """
}
