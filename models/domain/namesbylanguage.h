#pragma once

#include "models/domain/result.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace civicdesk {

// Names a city pack gives its own keys in each language, {KEY: {LANGUAGE: NAME}}: the
// categories' ("category_names", CategoryNames) and the service types' ("service_names",
// ServiceNames).
using NamesByLanguage = QHash<QString, QHash<QString, QString>>; // key -> language -> name

// How one such object is checked, and what its messages say (translated by the caller).
struct NamesRules
{
    QString key; // "category_names": the error is "<key>.invalid", the bad value's key below it
    int maxLength = 60;
    QStringList languages; // empty: any ISO 639 code
    QString keys;          // what the keys must be ("keyed by …")
    QString object;        // what each value must be ("an object of names by language, …")
    QString language;      // what a language key must be
    QString length;        // what a name must be ("a name of 1 to 60 characters")
    QString mustBe;        // "\"%1\" must be %2." (%1 the bad value's key, %2 what it must be)
};

// Every value is checked; the first bad one is the error, naming its key
// ("category_names.Animals.es") and what it must be. Names are read simplified.
Result<NamesByLanguage> readNamesByLanguage(const QJsonObject &json, const NamesRules &rules);
// The keys of `names` that are not among `known`, sorted.
QStringList unknownKeys(const NamesByLanguage &names, const QStringList &known);

} // namespace civicdesk
