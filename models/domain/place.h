#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace civicdesk {

// An address point of the city, with the districts it lies in.
struct AddressPoint
{
    qint64 id = 0;
    QString houseNumber;
    QString street;
    QString zip;
    QString city;
    std::optional<double> latitude;
    std::optional<double> longitude;
    QString neighborhood;
    QString ward;
    QString precinct;

    QString label() const { return houseNumber.isEmpty() ? street : houseNumber + u' ' + street; }
};

struct Intersection
{
    qint64 id = 0;
    QString name; // "Boylston St & Massachusetts Ave"
    std::optional<double> latitude;
    std::optional<double> longitude;
    QString neighborhood;
};

// Who answers for a place outside the city (a neighbouring town, a state or transit agency).
struct Referral
{
    QString name;
    QString kind;
    QString phone;
    QString hours;
    QStringList places; // lowercase place names that identify it in an address
    QStringList zips;
    QString notes;
};

// Great-circle distance in metres.
double distanceMeters(double lat1, double lon1, double lat2, double lon2);

} // namespace civicdesk
