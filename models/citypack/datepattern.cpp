#include "models/citypack/datepattern.h"

#include <algorithm>
#include <array>

namespace civicdesk {

namespace {

// The number in `width` ASCII digits at `at`, or -1.
int digitsAt(QStringView text, qsizetype at, int width)
{
    if (at + width > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < width; ++i) {
        const char16_t c = text[at + i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + int(c - u'0');
    }
    return value;
}

} // namespace

std::optional<DatePattern> DatePattern::compile(const QString &format)
{
    DatePattern pattern;
    std::array<int, 10> seen{};
    bool twelveHour = false;
    qsizetype i = 0;
    while (i < format.size()) {
        const QChar c = format.at(i);
        qsizetype run = 1;
        while (i + run < format.size() && format.at(i + run) == c)
            ++run;
        Part part = Part::Literal;
        if (c == u'y' && run == 4)
            part = Part::Year4;
        else if (c == u'y' && run == 2)
            part = Part::Year2;
        else if (c == u'M' && run == 2)
            part = Part::Month;
        else if (c == u'd' && run == 2)
            part = Part::Day;
        else if (c == u'H' && run == 2)
            part = Part::Hour24;
        else if (c == u'h' && run == 2)
            part = Part::Hour12; // 24-hour unless the format has AP (below)
        else if (c == u'm' && run == 2)
            part = Part::Minute;
        else if (c == u's' && run == 2)
            part = Part::Second;
        else if (run == 1 && i + 1 < format.size() &&
                 ((c == u'A' && format.at(i + 1) == u'P') ||
                  (c == u'a' && format.at(i + 1) == u'p'))) {
            part = Part::AmPm;
            run = 2;
            twelveHour = true;
        } else if (c.isLetter() || c == u'\'') {
            return std::nullopt; // another field, a quoted text: Qt's own parser
        }
        if (part == Part::Literal) {
            for (qsizetype k = 0; k < run; ++k)
                pattern.m_pieces.append({Part::Literal, c});
        } else {
            if (++seen[size_t(part)] > 1)
                return std::nullopt;
            pattern.m_pieces.append({part, QChar()});
        }
        i += run;
    }
    const auto has = [&seen](Part part) { return seen[size_t(part)] > 0; };
    if (!(has(Part::Year4) || has(Part::Year2)) || (has(Part::Year4) && has(Part::Year2)) ||
        !has(Part::Month) || !has(Part::Day) || (has(Part::Hour24) && has(Part::Hour12)) ||
        (twelveHour && !has(Part::Hour12)) || (has(Part::Hour24) && twelveHour))
        return std::nullopt;
    pattern.m_twoDigitYear = has(Part::Year2);
    if (!twelveHour) {
        for (Piece &piece : pattern.m_pieces) {
            if (piece.part == Part::Hour12)
                piece.part = Part::Hour24; // "hh" without AP is the 24-hour clock
        }
    }
    return pattern;
}

std::optional<std::pair<QDate, QTime>> DatePattern::read(QStringView text) const
{
    std::array<int, size_t(Part::Literal)> value{}; // each number by its part, 0 when absent
    int pm = -1;                                    // with AP: 0 AM, 1 PM
    qsizetype at = 0;
    for (const Piece &piece : m_pieces) {
        if (piece.part == Part::Literal) {
            if (at >= text.size() || text[at] != piece.literal)
                return std::nullopt;
            ++at;
        } else if (piece.part == Part::AmPm) {
            const QStringView word = text.mid(at, std::min<qsizetype>(2, text.size() - at));
            if (word == u"AM" || word == u"am")
                pm = 0;
            else if (word == u"PM" || word == u"pm")
                pm = 1;
            else
                return std::nullopt;
            at += 2;
        } else {
            const int width = piece.part == Part::Year4 ? 4 : 2;
            value[size_t(piece.part)] = digitsAt(text, at, width);
            if (value[size_t(piece.part)] < 0)
                return std::nullopt;
            at += width;
        }
    }
    if (at != text.size())
        return std::nullopt;
    const auto of = [&value](Part part) { return value[size_t(part)]; };
    // Only one of each pair is in the pattern (compile()).
    const int year = of(Part::Year4) + (m_twoDigitYear ? 1900 + of(Part::Year2) : 0);
    int hour = of(Part::Hour24) + of(Part::Hour12);
    if (pm >= 0) {
        if (hour < 1 || hour > 12)
            return std::nullopt;
        hour = hour % 12 + (pm == 1 ? 12 : 0);
    }
    const QDate date(year, of(Part::Month), of(Part::Day));
    const QTime time(hour, of(Part::Minute), of(Part::Second));
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return std::pair{date, time};
}

} // namespace civicdesk
