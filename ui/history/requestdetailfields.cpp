// The request detail dialog's fields: every field of the request written for the agent, and its
// duplicate links as links to the other requests.

#include "models/domain/requestnumber.h"
#include "models/itemmodels/requesttexts.h"
#include "models/requests/historyservices.h"
#include "ui/history/requestdetaildialog.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QSet>
#include <algorithm>

namespace civicdesk {

// "Duplicate of …" and "Duplicates: …" as links that open the other request.
void RequestDetailDialog::showLinks()
{
    const auto link = [](const LinkedRequest &r) -> QString {
        const QString number = RequestNumber::published(r.number).toHtmlEscaped();
        const QString text = r.typeName.isEmpty()
                                 ? number
                                 : tr("%1 (%2)").arg(number, requesttexts::status(r.status));
        return u"<a href=\"" + r.id.toHtmlEscaped() + u"\">" + text + u"</a>";
    };
    const auto add = [this](const QString &label, const QString &html, const QString &name) {
        auto *text = new QLabel(html, this);
        text->setObjectName(name);
        text->setWordWrap(true);
        text->setTextFormat(Qt::RichText);
        text->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
        connect(text, &QLabel::linkActivated, this, &RequestDetailDialog::requestLinkActivated);
        m_fields->addRow(label, text);
    };
    if (const auto parent = m_services.duplicates.parentOf(m_requestId))
        add(tr("Duplicate of:"), link(*parent), QStringLiteral("detailDuplicateOfLabel"));
    const QList<LinkedRequest> duplicates = m_services.duplicates.duplicatesOf(m_requestId);
    m_openDuplicates = 0;
    QStringList links;
    for (const LinkedRequest &d : duplicates) {
        links.append(link(d));
        if (d.status != RequestStatus::Closed && !d.typeName.isEmpty())
            ++m_openDuplicates;
    }
    if (!links.isEmpty())
        add(tr("Duplicates:"), links.join(QStringLiteral(", ")),
            QStringLiteral("detailDuplicatesLabel"));
}

void RequestDetailDialog::showFields(const ServiceRequest &r)
{
    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    const QLocale locale;
    const auto when = [&](const QDateTime &t) {
        return t.isValid() ? locale.toString(m_services.cityZone.isValid()
                                                 ? t.toTimeZone(m_services.cityZone)
                                                 : t.toLocalTime(),
                                             QLocale::ShortFormat)
                           : QString();
    };
    const auto add = [this](const QString &label, const QString &value, const QString &name) {
        if (value.isEmpty())
            return;
        auto *text = new QLabel(value, this);
        text->setObjectName(name);
        text->setWordWrap(true);
        text->setTextFormat(Qt::PlainText);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_fields->addRow(label, text);
    };
    add(tr("Number:"), RequestNumber::published(r.number), QStringLiteral("detailNumberLabel"));
    // The type in the window's language, and the city's own name when it differs.
    const QString typeName = m_services.catalogue.serviceNames().shown(r.serviceCode, r.typeName);
    add(tr("Type:"),
        r.serviceCode.isEmpty() ? typeName : tr("%1 (%2)").arg(typeName, r.serviceCode),
        QStringLiteral("detailTypeLabel"));
    if (typeName != r.typeName)
        add(tr("City's name:"), r.typeName, QStringLiteral("detailCityTypeLabel"));
    add(tr("Status:"), requesttexts::status(r), QStringLiteral("detailStatusLabel"));
    add(tr("Status note:"), r.statusNote, QStringLiteral("detailStatusNoteLabel"));
    add(tr("Closure reason:"), requesttexts::closureReason(r.closureReason),
        QStringLiteral("detailClosureLabel"));
    add(tr("SLA:"),
        r.dueAt.isValid()
            ? tr("%1, due %2").arg(requesttexts::sla(r.slaState(m_services.now())), when(r.dueAt))
            : requesttexts::sla(SlaState::NoTarget),
        QStringLiteral("detailSlaLabel"));
    add(tr("Opened:"), when(r.openedAt), QStringLiteral("detailOpenedLabel"));
    add(tr("Closed:"), when(r.closedAt), QStringLiteral("detailClosedLabel"));
    add(tr("Channel:"), requesttexts::channel(r.channel), QStringLiteral("detailChannelLabel"));
    add(tr("Address:"), r.address, QStringLiteral("detailAddressLabel"));
    QStringList district;
    for (const QString &part : {r.neighborhood, r.ward, r.precinct, r.zip}) {
        if (!part.isEmpty())
            district.append(part);
    }
    add(tr("District:"), district.join(QStringLiteral(" · ")),
        QStringLiteral("detailDistrictLabel"));
    // Written for the agent: the department's name, and each answer as its question and the
    // chosen labels, in the form's order (codes only for what the catalogue no longer knows).
    const auto department = m_services.catalogue.department(r.departmentCode);
    add(tr("Department:"), department ? department->name : r.departmentCode,
        QStringLiteral("detailDepartmentLabel"));
    add(tr("Description:"), r.description, QStringLiteral("detailDescriptionLabel"));
    QStringList answers;
    QSet<QString> shown;
    const auto type = m_services.catalogue.serviceType(r.serviceCode);
    const QList<ServiceAttribute> attributes = type ? type->attributes : QList<ServiceAttribute>();
    for (const ServiceAttribute &attribute : attributes) {
        const auto answer = r.attributes.constFind(attribute.code);
        if (answer == r.attributes.cend() || answer->isEmpty())
            continue;
        QStringList labels;
        for (const QString &value : *answer) {
            const auto known =
                std::find_if(attribute.values.cbegin(), attribute.values.cend(),
                             [&value](const AttributeValue &v) { return v.key == value; });
            labels.append(known != attribute.values.cend() ? known->name : value);
        }
        answers.append(attribute.description + u' ' + labels.join(QStringLiteral(", ")));
        shown.insert(attribute.code);
    }
    for (auto it = r.attributes.cbegin(); it != r.attributes.cend(); ++it) {
        if (!shown.contains(it.key()) && !it.value().isEmpty())
            answers.append(it.key() + u": " + it.value().join(QStringLiteral(", ")));
    }
    add(tr("Answers:"), answers.join(u'\n'), QStringLiteral("detailAnswersLabel"));
}

} // namespace civicdesk
