#include "models/cti/phonenumber.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(NumberingPlan)
};

// What phone systems send instead of a number when there is none to show.
bool isWithheldWord(const QString &word)
{
    static const QStringList words = {QStringLiteral("anonymous"), QStringLiteral("withheld"),
                                      QStringLiteral("private"), QStringLiteral("restricted"),
                                      QStringLiteral("blocked")};
    return words.contains(word);
}

bool isUnavailableWord(const QString &word)
{
    static const QStringList words = {QStringLiteral("unknown"), QStringLiteral("unavailable"),
                                      QStringLiteral("out of area")};
    return word.isEmpty() || words.contains(word);
}

// "sip:+16175550100@10.0.0.1:5060;user=phone" -> "+16175550100"; "tel:+1-617-555-0100" ->
// "+1-617-555-0100"; anything else as given.
QString userPart(const QString &text)
{
    QString t = text;
    if (t.startsWith(u'<') && t.endsWith(u'>'))
        t = t.mid(1, t.size() - 2);
    for (const QLatin1StringView scheme :
         {QLatin1StringView("sips:"), QLatin1StringView("sip:"), QLatin1StringView("tel:")}) {
        if (t.startsWith(scheme, Qt::CaseInsensitive)) {
            t = t.mid(scheme.size());
            const qsizetype at = t.indexOf(u'@');
            if (at >= 0)
                t = t.left(at);
            // Parameters go, but an extension (";ext=123", RFC 3966) stays.
            const qsizetype semicolon = t.indexOf(u';');
            if (semicolon >= 0) {
                static const QRegularExpression ext(QStringLiteral(";ext=(\\d+)"),
                                                    QRegularExpression::CaseInsensitiveOption);
                const auto m = ext.match(t);
                t = t.left(semicolon);
                if (m.hasMatch())
                    t += QStringLiteral(" x") + m.captured(1);
            }
            return t.trimmed();
        }
    }
    return t;
}

QString nationalGroups(const QString &ten)
{
    return QStringLiteral("(%1) %2-%3").arg(ten.left(3), ten.mid(3, 3), ten.mid(6));
}

} // namespace

NumberingPlan NumberingPlan::northAmerica(const QString &areaCode)
{
    NumberingPlan plan;
    plan.areaCode = areaCode;
    return plan;
}

QString NumberingPlan::areaCodeProblem(const QString &areaCode)
{
    static const QRegularExpression valid(QStringLiteral("^[2-9][0-9][0-9]$"));
    if (valid.match(areaCode.trimmed()).hasMatch())
        return QString();
    return Text::tr("\"%1\" is not an area code: give the 3 digits a 7-digit local number is "
                    "dialled in (Boston: 617), the first one 2 to 9.")
        .arg(areaCode.trimmed());
}

PhoneNumber PhoneNumber::parse(const QString &raw, const NumberingPlan &plan)
{
    PhoneNumber n;
    n.raw = raw;
    QString text = userPart(raw.trimmed()).trimmed();
    const QString word = text.toLower();
    if (isWithheldWord(word)) {
        n.kind = Kind::Withheld;
        return n;
    }
    if (isUnavailableWord(word)) {
        n.kind = Kind::Unavailable;
        return n;
    }
    // An extension at the end: "x123", "ext. 123", "extension 123", ";ext=123", ",123", "#123".
    static const QRegularExpression extension(
        QStringLiteral("\\s*(?:;ext=|,|#|\\b(?:x|ext\\.?|extension)\\s*)(\\d{1,6})$"),
        QRegularExpression::CaseInsensitiveOption);
    if (const auto m = extension.match(text); m.hasMatch()) {
        n.extension = m.captured(1);
        text = text.left(m.capturedStart()).trimmed();
    }
    // Only the characters people and phone systems write numbers with.
    static const QRegularExpression allowed(QStringLiteral("^\\+?[0-9\\s().\\-/]+$"));
    if (!allowed.match(text).hasMatch()) {
        n.kind = Kind::Invalid;
        n.extension.clear();
        return n;
    }
    QString digits;
    for (const QChar c : text) {
        if (c.isDigit())
            digits += c;
    }
    const bool plus = text.startsWith(u'+');
    if (!plus && !plan.internationalPrefix.isEmpty() &&
        digits.startsWith(plan.internationalPrefix) &&
        digits.size() > plan.internationalPrefix.size() + 7) {
        digits = digits.mid(plan.internationalPrefix.size());
        n.e164 = u'+' + digits;
    } else if (plus) {
        n.e164 = u'+' + digits;
    } else if (plan.countryCode == u"1") {
        // North America: 10 digits, 1 + 10 digits, or 7 digits in the plan's area code.
        if (digits.size() == 10)
            n.e164 = QStringLiteral("+1") + digits;
        else if (digits.size() == 11 && digits.startsWith(u'1'))
            n.e164 = u'+' + digits;
        else if (digits.size() == 7 && !plan.areaCode.isEmpty())
            n.e164 = QStringLiteral("+1") + plan.areaCode + digits;
    } else if (digits.startsWith(u'0') && digits.size() >= 8) {
        // A national number with its trunk 0 (most of Europe): the country code replaces it.
        n.e164 = u'+' + plan.countryCode + digits.mid(1);
    }
    if (!n.e164.isEmpty()) {
        const qsizetype length = n.e164.size() - 1;
        // E.164: at most 15 digits; fewer than 8 is no full number anywhere.
        if (length < 8 || length > 15 || n.e164.at(1) == u'0') {
            n.e164.clear();
            n.kind = Kind::Invalid;
            n.extension.clear();
            return n;
        }
        n.kind = Kind::Number;
        return n;
    }
    // 311, 911, 211 (N11) and the 4-6 digit codes of a switchboard or a carrier.
    if (!plus && digits.size() >= 3 && digits.size() <= 6 && n.extension.isEmpty()) {
        n.e164 = digits;
        n.kind = Kind::ShortCode;
        return n;
    }
    n.kind = Kind::Invalid;
    n.extension.clear();
    return n;
}

QString PhoneNumber::display(const NumberingPlan &plan) const
{
    if (kind == Kind::ShortCode)
        return e164;
    if (kind != Kind::Number)
        return raw.trimmed();
    const QString national = u'+' + plan.countryCode;
    QString text = e164;
    if (plan.countryCode == u"1" && e164.startsWith(national) && e164.size() == 12)
        text = nationalGroups(e164.mid(2));
    if (!extension.isEmpty())
        text += QStringLiteral(" x") + extension;
    return text;
}

QStringList PhoneNumber::localForms(const NumberingPlan &plan) const
{
    if (kind == Kind::ShortCode)
        return {e164};
    if (kind != Kind::Number)
        return {};
    QStringList forms = {e164};
    if (plan.countryCode == u"1" && e164.startsWith(QStringLiteral("+1")) && e164.size() == 12) {
        const QString ten = e164.mid(2);
        forms << ten << QStringLiteral("1") + ten << nationalGroups(ten)
              << QStringLiteral("%1-%2-%3").arg(ten.left(3), ten.mid(3, 3), ten.mid(6))
              << QStringLiteral("%1.%2.%3").arg(ten.left(3), ten.mid(3, 3), ten.mid(6));
        if (ten.startsWith(plan.areaCode))
            forms << QStringLiteral("%1-%2").arg(ten.mid(3, 3), ten.mid(6));
    }
    return forms;
}

} // namespace civicdesk
