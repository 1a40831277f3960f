#pragma once

#include "models/city/citylimits.h"
#include "models/intake/intakeservice.h"

#include <QWidget>
#include <memory>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace civicdesk {

namespace Ui {
class LocationBox;
}

class AddressIndex;
class DistrictLocator;

// The location of a request without the map: an address field that completes from the city's
// address points as the agent types (typo tolerant, intersections too), the districts of the
// chosen place, a referral when the place is outside the city, and a landmark fallback.
class LocationBox : public QWidget
{
    Q_OBJECT

public:
    LocationBox(const AddressIndex &index, const DistrictLocator &districts,
                QWidget *parent = nullptr);
    ~LocationBox() override;

    std::optional<IntakeLocation> location() const;
    bool isOutsideCity() const;
    // The agency the caller is referred to while the place is outside the city (else empty).
    QString referralName() const { return m_outside ? m_referralName : QString(); }
    void setLocation(const IntakeLocation &location);
    void clear();
    QLineEdit *addressEdit() const { return m_address; }
    QList<QWidget *> focusChain() const;

signals:
    void locationChanged();
    // The place is outside the city and the referral to another agency is on screen.
    void referralShown();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void search();
    void pick(int row);
    void showChosen();
    // Shows the referral (or that the place is outside the city) and remembers it.
    void showOutside(const std::optional<OutsideCity> &outside);

    std::unique_ptr<Ui::LocationBox> m_ui;
    const AddressIndex &m_index;
    const DistrictLocator &m_districts;
    QLineEdit *m_address = nullptr;
    QListWidget *m_matches = nullptr;
    QLabel *m_chosenLabel = nullptr;
    QLabel *m_referral = nullptr;
    QCheckBox *m_noAddress = nullptr;
    QLineEdit *m_landmark = nullptr;
    std::optional<IntakeLocation> m_chosen;
    std::optional<std::pair<double, double>> m_landmarkPoint; // latitude, longitude
    bool m_outside = false;
    QString m_referralName;
};

} // namespace civicdesk
