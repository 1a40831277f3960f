#include "models/domain/caller.h"

namespace civicdesk {

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
