#pragma once

#include "models/domain/namesbylanguage.h"
#include "models/domain/result.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace civicdesk {

// What the city calls each of its service categories (the catalogue's groups) in each language,
// for people who read them: the lobby's kiosk reasons and tickets speak the visitor's language.
// Read from the city pack's "category_names" object (resources/cities/README.md):
//
//   {"Streets-Sidewalks": {"en": "Streets and sidewalks", "es": "Calles y aceras"}, ...}
//
// A category the city names in no language, or not in the one asked, is shown by its English
// name, else by its catalogue group with "-" read as " · " ("Streets · Sidewalks").
class CategoryNames
{
public:
    static constexpr int MaxLength = 60;

    // The name of `category` in `language` (en, es, ...).
    QString name(const QString &category, const QString &language) const;
    bool isEmpty() const { return m_names.isEmpty(); }
    QStringList categories() const { return m_names.keys(); }

    // Every value is checked; the first bad one is the error, naming its key
    // ("category_names.Animals.es") and what it must be.
    static Result<CategoryNames> fromJson(const QJsonObject &json,
                                          const QString &key = QStringLiteral("category_names"));
    // The categories named here that are not among `groups` (a name for a group the catalogue
    // does not have: a typo, or another city's list), sorted.
    QStringList unknownAmong(const QStringList &groups) const;
    QJsonObject toJson() const;

private:
    NamesByLanguage m_names; // category -> language -> name
};

} // namespace civicdesk
