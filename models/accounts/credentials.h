#pragma once

#include "models/domain/result.h"

#include <QString>

// What proves who someone is, kept so that the store never holds it: Argon2id password hashes
// (libsodium's "interactive" cost, a random salt per hash, compared in constant time), random
// 256-bit tokens (sign-in sessions, Open311 API keys) and the SHA-256 the store keeps of them.
// The only libsodium code.
namespace civicdesk::credentials {

// Makes libsodium ready (once per process; a no-op after the first); stops the program when it
// cannot be.
void initialise();
// 32 random bytes, base64url without padding.
QString randomToken();
// The hex SHA-256 of the text's UTF-8.
QString sha256Hex(const QString &text);
// The Argon2id hash string of a password (an error when memory runs out).
Result<QString> hashPassword(const QString &password);
bool verifyPassword(const QString &hash, const QString &password);

} // namespace civicdesk::credentials
