#include "models/domain/caller.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(Caller)
};

constexpr int MaxNameLength = 200;
constexpr int MaxEmailLength = 254;

} // namespace

bool Caller::isEmailAddress(const QString &text)
{
    static const QRegularExpression address(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$"));
    const QString email = normalizeEmail(text);
    return email.size() <= MaxEmailLength && address.match(email).hasMatch() &&
           !email.contains(QStringLiteral("..")) && !email.contains(QStringLiteral("@."));
}

QList<CallerProblem> validateCaller(const Caller &caller)
{
    QList<CallerProblem> problems;
    if (caller.name.trimmed().size() > MaxNameLength)
        problems.append(
            {QStringLiteral("name"),
             Text::tr("The name is too long: at most %1 characters.").arg(MaxNameLength)});
    if (!caller.phone.trimmed().isEmpty() && Caller::normalizePhone(caller.phone).isEmpty())
        problems.append({QStringLiteral("phone"),
                         Text::tr("\"%1\" is not a phone number: give 10 digits, such as "
                                  "(617) 555-0100, or + and the country code for another "
                                  "country.")
                             .arg(caller.phone.trimmed())});
    if (!caller.email.trimmed().isEmpty() && !Caller::isEmailAddress(caller.email))
        problems.append(
            {QStringLiteral("email"), Text::tr("\"%1\" is not an email address: it looks like "
                                               "name@example.org.")
                                          .arg(caller.email.trimmed())});
    return problems;
}

QString Caller::normalizePhone(const QString &text)
{
    QString digits;
    for (QChar c : text) {
        if (c.isDigit())
            digits += c;
    }
    const bool international = text.trimmed().startsWith(u'+');
    if (!international && digits.size() == 10)
        return u'+' + (u'1' + digits);
    if (!international && digits.size() == 11 && digits.startsWith(u'1'))
        return u'+' + digits;
    if (international && digits.size() >= 8 && digits.size() <= 15)
        return u'+' + digits;
    return {};
}

} // namespace civicdesk
