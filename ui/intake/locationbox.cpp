#include "ui/intake/locationbox.h"

#include "models/city/addressindex.h"
#include "models/city/districtlocator.h"
#include "ui_locationbox.h"

#include <QCheckBox>
#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>

namespace civicdesk {

LocationBox::LocationBox(const AddressIndex &index, const DistrictLocator &districts,
                         QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::LocationBox>()), m_index(index),
      m_districts(districts)
{
    m_ui->setupUi(this);
    m_address = m_ui->addressLineEdit;
    m_matches = m_ui->addressMatchList;
    m_chosenLabel = m_ui->addressChosenLabel;
    m_referral = m_ui->referralLabel;
    m_noAddress = m_ui->noAddressCheckBox;
    m_landmark = m_ui->landmarkLineEdit;
    m_matches->setMaximumHeight(m_matches->fontMetrics().height() * 6 + 8);
    m_matches->hide();
    m_referral->hide();
    m_landmark->hide();

    m_address->installEventFilter(this);
    connect(m_address, &QLineEdit::textEdited, this, [this] {
        m_chosen.reset();
        search();
        showChosen();
        emit locationChanged();
    });
    connect(m_address, &QLineEdit::returnPressed, this, [this] {
        if (m_matches->isVisible() && m_matches->count() > 0)
            pick(std::max(0, m_matches->currentRow()));
    });
    connect(m_matches, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { pick(m_matches->row(item)); });
    connect(m_noAddress, &QCheckBox::toggled, this, [this](bool on) {
        m_landmark->setVisible(on);
        if (on)
            m_landmark->setFocus(Qt::TabFocusReason);
        emit locationChanged();
    });
    connect(m_landmark, &QLineEdit::textChanged, this, &LocationBox::locationChanged);
    // A landmark typed by the agent is no longer the point picked on the map.
    connect(m_landmark, &QLineEdit::textEdited, this, [this] {
        if (!m_landmarkPoint)
            return;
        m_landmarkPoint.reset();
        showOutside(std::nullopt);
    });
}

LocationBox::~LocationBox() = default;

void LocationBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        showChosen();
    }
    QWidget::changeEvent(event);
}

QList<QWidget *> LocationBox::focusChain() const
{
    return {m_address, m_matches, m_noAddress, m_landmark};
}

bool LocationBox::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_address && event->type() == QEvent::KeyPress && m_matches->isVisible()) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            const int row = std::clamp(m_matches->currentRow() + (key == Qt::Key_Down ? 1 : -1), 0,
                                       m_matches->count() - 1);
            m_matches->setCurrentRow(row);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void LocationBox::search()
{
    m_matches->clear();
    const QString text = m_address->text();
    // Until an address is chosen the place is still the point picked on the map, if any: the
    // boundary judges that point whatever is being typed, and typed text naming a place outside
    // the city is referred as before.
    auto outside = placeOutsideCity(m_districts, m_index, std::nullopt, std::nullopt, text);
    if (!outside && m_landmarkPoint && m_noAddress->isChecked())
        outside = placeOutsideCity(m_districts, m_index, m_landmarkPoint->first,
                                   m_landmarkPoint->second, text);
    showOutside(outside);
    const QList<PlaceMatch> matches = m_index.search(text, 8);
    for (const PlaceMatch &m : matches) {
        auto *item = new QListWidgetItem(m.label, m_matches);
        item->setData(Qt::UserRole, int(m.kind));
        item->setData(Qt::UserRole + 1, m.index);
        item->setData(Qt::UserRole + 2, m.unit);
        if (m.kind == PlaceMatch::Kind::Address)
            item->setToolTip(m_index.address(m.index).neighborhood);
    }
    m_matches->setVisible(!matches.isEmpty());
    if (!matches.isEmpty())
        m_matches->setCurrentRow(0);
}

void LocationBox::pick(int row)
{
    QListWidgetItem *item = m_matches->item(row);
    if (!item)
        return;
    IntakeLocation location;
    const auto kind = PlaceMatch::Kind(item->data(Qt::UserRole).toInt());
    const int index = item->data(Qt::UserRole + 1).toInt();
    if (kind == PlaceMatch::Kind::Address) {
        const AddressPoint &a = m_index.address(index);
        location.address = item->text();
        location.latitude = a.latitude;
        location.longitude = a.longitude;
        location.neighborhood = a.neighborhood;
        location.ward = a.ward;
        location.precinct = a.precinct;
        location.zip = a.zip;
    } else {
        const Intersection &i = m_index.intersection(index);
        location.address = i.name;
        location.latitude = i.latitude;
        location.longitude = i.longitude;
        location.neighborhood = i.neighborhood;
    }
    if (location.latitude && location.longitude) {
        const Districts d = m_districts.locate(*location.latitude, *location.longitude);
        if (location.neighborhood.isEmpty())
            location.neighborhood = d.neighborhood;
        if (location.ward.isEmpty())
            location.ward = d.ward;
        if (location.precinct.isEmpty())
            location.precinct = d.precinct;
        if (location.zip.isEmpty())
            location.zip = d.zip;
    }
    m_chosen = location;
    m_address->setText(location.address);
    m_matches->hide();
    showChosen();
    showOutside(std::nullopt); // an address of the city's own list is in the city
    emit locationChanged();
}

void LocationBox::showOutside(const std::optional<OutsideCity> &outside)
{
    m_outside = outside.has_value();
    const std::optional<Referral> referral = outside ? outside->referral : std::nullopt;
    m_referralName = referral ? referral->name : QString();
    if (referral) {
        m_referral->setText(
            tr("<b>Outside the city.</b> Refer the caller to <b>%1</b>: %2 "
               "%3<br>%4")
                .arg(referral->name.toHtmlEscaped(), referral->phone.toHtmlEscaped(),
                     referral->hours.isEmpty() ? QString()
                                               : u'(' + referral->hours.toHtmlEscaped() + u')',
                     referral->notes.toHtmlEscaped()));
    } else if (outside) {
        m_referral->setText(tr("<b>Outside the city.</b> This place is beyond the city's boundary "
                               "and no referral is known for it: no request can be taken here."));
    }
    m_referral->setVisible(m_outside);
    if (m_outside)
        emit referralShown();
}

void LocationBox::showChosen()
{
    if (!m_chosen) {
        m_chosenLabel->setText(m_address->text().trimmed().isEmpty()
                                   ? QString()
                                   : tr("Pick an address from the list (Enter picks the first)."));
        return;
    }
    QStringList parts;
    if (!m_chosen->neighborhood.isEmpty())
        parts.append(m_chosen->neighborhood);
    if (!m_chosen->ward.isEmpty())
        parts.append(tr("Ward %1").arg(m_chosen->ward));
    if (!m_chosen->precinct.isEmpty())
        parts.append(tr("Precinct %1").arg(m_chosen->precinct));
    m_chosenLabel->setText(tr("✔ %1 — %2")
                               .arg(m_chosen->address, parts.isEmpty()
                                                           ? tr("district unknown")
                                                           : parts.join(QStringLiteral(" · "))));
}

std::optional<IntakeLocation> LocationBox::location() const
{
    if (m_chosen)
        return m_chosen;
    if (m_noAddress->isChecked() && !m_landmark->text().trimmed().isEmpty()) {
        IntakeLocation landmark;
        landmark.landmark = m_landmark->text().trimmed();
        if (m_landmarkPoint) {
            landmark.latitude = m_landmarkPoint->first;
            landmark.longitude = m_landmarkPoint->second;
        }
        return landmark;
    }
    return std::nullopt;
}

bool LocationBox::isOutsideCity() const
{
    return m_outside;
}

void LocationBox::setLocation(const IntakeLocation &location)
{
    clear();
    if (!location.landmark.isEmpty()) {
        m_noAddress->setChecked(true);
        m_landmark->setText(location.landmark);
        // A point picked on the map where no address is near: the point is the place.
        if (location.latitude && location.longitude) {
            m_landmarkPoint = {*location.latitude, *location.longitude};
            showOutside(placeOutsideCity(m_districts, m_index, location.latitude,
                                         location.longitude, QString()));
        }
        return;
    }
    if (location.address.isEmpty())
        return;
    m_chosen = location;
    m_address->setText(location.address);
    showChosen();
}

void LocationBox::clear()
{
    m_chosen.reset();
    m_landmarkPoint.reset();
    m_outside = false;
    m_address->clear();
    m_matches->clear();
    m_matches->hide();
    m_referral->hide();
    m_chosenLabel->clear();
    m_noAddress->setChecked(false);
    m_landmark->clear();
}

} // namespace civicdesk
