#include "models/city/citylimits.h"

#include "models/city/layerrepository.h"

namespace civicdesk {

std::optional<OutsideCity> placeOutsideCity(const DistrictLocator &districts,
                                            const AddressIndex &places,
                                            std::optional<double> latitude,
                                            std::optional<double> longitude, const QString &text)
{
    const auto byText = [&places, &text]() -> std::optional<Referral> {
        return text.trimmed().isEmpty() ? std::nullopt : places.referralFor(text);
    };
    if (latitude && longitude && districts.hasBoundary()) {
        const Districts d = districts.locate(*latitude, *longitude);
        if (d.insideCity)
            return std::nullopt;
        for (const Referral &r : places.referrals()) {
            if (!d.jurisdiction.isEmpty() &&
                r.name.compare(d.jurisdiction, Qt::CaseInsensitive) == 0)
                return OutsideCity{r};
        }
        return OutsideCity{byText()};
    }
    if (const auto referral = byText())
        return OutsideCity{referral};
    return std::nullopt;
}

CityLimits::CityLimits(DistrictLocator districts, QList<Referral> referrals)
    : m_districts(std::move(districts)), m_places({}, {}, std::move(referrals))
{
}

CityLimits CityLimits::load(const Database &database, QList<Referral> referrals)
{
    const LayerRepository layers(database);
    DistrictLocator districts;
    for (const LayerInfo &layer : layers.layers()) {
        if (layer.kind == u"boundary" || layer.kind == u"jurisdiction")
            districts.addLayer(layer.kind, layer.nameProperty, layers.geoJson(layer.id));
    }
    return CityLimits(std::move(districts), std::move(referrals));
}

std::optional<OutsideCity> CityLimits::outside(std::optional<double> latitude,
                                               std::optional<double> longitude,
                                               const QString &text) const
{
    return placeOutsideCity(m_districts, m_places, latitude, longitude, text);
}

} // namespace civicdesk
