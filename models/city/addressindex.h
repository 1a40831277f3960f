#pragma once

#include "models/city/madeinbackground.h"
#include "models/domain/place.h"

#include <QList>
#include <memory>
#include <optional>

namespace civicdesk {

struct PlaceMatch
{
    enum class Kind
    {
        Address,
        Intersection
    };
    Kind kind = Kind::Address;
    int index = -1; // into addresses() or intersections()
    QString label;
    QString unit; // "Apt 3" typed after the address, kept for the request
    double score = 0;
};

// The city's address points and intersections in memory, for autocomplete as the agent types.
// Typo tolerant ("1 city hal plz" finds 1 City Hall Plz), spelling tolerant (Street/St,
// Avenue/Ave, accents, case), prefix matching ("Mass Ave" finds Massachusetts Ave), unit numbers
// ("12 Main St Apt 3"), intersections ("Mass Ave and Boylston"), and places outside the city
// recognised for a referral ("100 Main St, Cambridge").
//
// A city's index (45,098 Boston addresses) takes a while to read and build, so the workstation
// makes it in the background (inBackground()) while its window opens: a question asked before
// it is built waits for it, on the thread that asks (keys typed meanwhile wait in the queue,
// none is lost). Used from one thread.
class AddressIndex
{
public:
    using Make = MadeInBackground<AddressIndex>::Make;

    AddressIndex() = default;
    AddressIndex(QList<AddressPoint> addresses, QList<Intersection> intersections,
                 QList<Referral> referrals);
    // The index `there` makes on a thread of its own, started at once; `here` (on the asking
    // thread) when `there` gives nothing.
    static AddressIndex inBackground(Make there, Make here);
    // Whether a question would be answered without waiting for the background.
    bool isBuilt() const { return m_pending.isDone(); }

    QList<PlaceMatch> search(const QString &text, int limit = 10) const;
    // The agency that answers for a place outside the city named in `text`, if any.
    std::optional<Referral> referralFor(const QString &text) const;
    const QList<Referral> &referrals() const { return settled().m_referrals; }

    const AddressPoint &address(int index) const { return settled().m_addresses.at(index); }
    const Intersection &intersection(int index) const
    {
        return settled().m_intersections.at(index);
    }
    int addressCount() const { return int(settled().m_addresses.size()); }
    int streetCount() const { return int(settled().m_streets.size()); }

private:
    struct Street
    {
        QString name;
        QStringList tokens;
        QList<int> addresses; // sorted by house number
    };
    struct IntersectionKey
    {
        QStringList first;
        QStringList second;
        int index;
    };
    static double streetScore(const QStringList &typed, const QStringList &street);
    QList<std::pair<double, int>> bestStreets(const QStringList &typed, int limit) const;
    QList<PlaceMatch> searchIntersections(const QString &first, const QString &second,
                                          int limit) const;
    // This index with what the background made, once it is there (waiting for it).
    const AddressIndex &settled() const;

    // Mutable: filled in by settled() from the background's index (lists shared, not copied).
    mutable MadeInBackground<AddressIndex> m_pending;
    mutable QList<AddressPoint> m_addresses;
    mutable QList<Intersection> m_intersections;
    mutable QList<Referral> m_referrals;
    mutable QList<Street> m_streets;
    mutable QList<IntersectionKey> m_intersectionKeys;
};

} // namespace civicdesk
