#pragma once

#include "models/domain/namesbylanguage.h"
#include "models/domain/result.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace civicdesk {

// What the city's service types are called in the pack's other languages, for the people who
// read them: an agent's window in Spanish shows "Bache en la calle" where the city's catalogue
// says "Request for Pothole Repair". Read from the city pack's "service_names" object
// (resources/cities/README.md), kept in the store as meta "city_service_names":
//
//   {"REQPOTHL": {"es": "Bache en la calle"}, ...}
//
// The city's own name (its Open311 service list) stays the source of truth: it is what
// Open311, exports and the store's rows carry, and what a type not named in a language shows.
class ServiceNames
{
public:
    static constexpr int MaxLength = 80;

    ServiceNames() = default;
    // Names read from meta "city_service_names" (checked at import; unreadable: none), shown in
    // `language`.
    static ServiceNames fromMeta(const QString &json, const QString &language);
    // The language of the window: QLocale's default, as translations/translator.cpp sets it.
    static QString windowLanguage();

    // The name of `code` in `language`; empty when the city names it in no such language.
    QString name(const QString &code, const QString &language) const;
    // The type as this object's language reads it: its name there, else `cityName`.
    QString shown(const QString &code, const QString &cityName) const;
    // Every name of `code`, for searching ("Bache en la calle").
    QStringList allNames(const QString &code) const;
    // The codes whose name in this object's language has every word of `words`, whatever their
    // case and accents ("pajaros" finds "Plaga de palomas u otros pájaros"), sorted.
    QStringList codesMatching(const QString &words) const;
    QString language() const { return m_language; }
    void setLanguage(const QString &language) { m_language = language; }
    bool isEmpty() const { return m_names.isEmpty(); }

    // Every value is checked; the first bad one is the error, naming its key
    // ("service_names.REQPOTHL.es") and what it must be. `languages`: the pack's own
    // ("languages" in city.json); a name in another language is refused.
    static Result<ServiceNames> fromJson(const QJsonObject &json, const QStringList &languages);
    // The codes named here that are not among `codes` (a type the service list does not have:
    // a typo, or another city's code), sorted.
    QStringList unknownAmong(const QStringList &codes) const;

private:
    NamesByLanguage m_names; // code -> language -> name
    QString m_language;
};

} // namespace civicdesk
