#pragma once

#include <QString>

namespace civicdesk {

// A city department or work group that owns request types and knowledge articles.
struct Department
{
    QString code;
    QString name;
    QString phone;
    QString email;
    QString webLink;

    friend bool operator==(const Department &, const Department &) = default;
};

} // namespace civicdesk
