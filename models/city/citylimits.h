#pragma once

#include "models/city/addressindex.h"
#include "models/city/districtlocator.h"
#include "models/domain/place.h"

#include <QList>
#include <optional>

namespace civicdesk {

class Database;

// A place outside the city, and who answers for it when the pack says.
struct OutsideCity
{
    std::optional<Referral> referral;
};

// The one rule for "outside the city", shared by the central store (CityLimits) and the
// workstation's location box: with a point and a boundary layer, the boundary decides (the
// referral is the one named like the jurisdiction polygon the point lies in, else the one the
// text names); without a point, the text decides (a referral's place or ZIP).
std::optional<OutsideCity> placeOutsideCity(const DistrictLocator &districts,
                                            const AddressIndex &places,
                                            std::optional<double> latitude,
                                            std::optional<double> longitude, const QString &text);

// Decides whether a reported place lies outside the city, with the same model code the
// workstation's location box uses: a point is outside when the pack's boundary layer does not
// contain it (the neighbouring jurisdiction named by the polygon it lies in, when the pack has a
// jurisdiction layer); typed text is outside when it names a referral's place or ZIP
// (AddressIndex::referralFor). A point decides when the city has a boundary, since ZIPs and
// place names may straddle the city line.
class CityLimits
{
public:
    CityLimits(DistrictLocator districts, QList<Referral> referrals);
    // The boundary and jurisdiction layers of the store, and the given referral list.
    static CityLimits load(const Database &database, QList<Referral> referrals);

    std::optional<OutsideCity> outside(std::optional<double> latitude,
                                       std::optional<double> longitude, const QString &text) const;

private:
    DistrictLocator m_districts;
    AddressIndex m_places; // referrals only: recognises places outside the city in text
};

} // namespace civicdesk
