import Testing

@testable import TrailServer

@Suite struct CredentialsFileTests {
  @Test func linesGiveKeysAccountsAndUsers() throws {
    let file = try CredentialsFile(
      text: """
        # key secret account [user]
        AKIDALICE  s3cret  111122223333  alice

        AKIDROOT\tother\t444455556666
        """, path: "creds")
    #expect(file.entries["AKIDALICE"] == .init(secret: "s3cret", account: "111122223333", userName: "alice"))
    #expect(file.entries["AKIDROOT"] == .init(secret: "other", account: "444455556666", userName: nil))
  }

  @Test func problemsNameTheFileAndLine() {
    let cases = [
      ("AKID secret\n", "creds:1: expected 'ACCESS_KEY_ID SECRET ACCOUNT [USER]', found 2 fields."),
      ("# c\nAKID s 12345 u\n", "creds:2: the account '12345' is not a 12-digit AWS account id."),
      ("A s 111122223333\nA t 111122223333\n", "creds:2: access key id A is listed twice."),
    ]
    for (text, message) in cases {
      #expect(throws: CredentialsFile.Problem(description: message)) {
        try CredentialsFile(text: text, path: "creds")
      }
    }
  }
}
