#include "ui/intake/intakedialogs.h"

#include <QMessageBox>
#include <QPushButton>

namespace civicdesk {

IntakeSession::DuplicateDecision IntakeDialogs::askAboutDuplicates(QWidget *parent,
                                                                   const QStringList &lines,
                                                                   const QString &number,
                                                                   QString *reason)
{
    using DuplicateDecision = IntakeSession::DuplicateDecision;
    if (lines.isEmpty())
        return DuplicateDecision::None;
    QStringList escaped;
    for (const QString &line : lines)
        escaped.append(line.toHtmlEscaped());
    QMessageBox box(QMessageBox::Question, tr("Open requests nearby"),
                    tr("<p>There are open requests of this type nearby:</p><p>%1</p><p>Attach "
                       "the caller to %2, or create a new request anyway (the reason is "
                       "recorded with it)?</p>")
                        .arg(escaped.join(QStringLiteral("<br>")), number),
                    QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("duplicatesMessageBox"));
    QPushButton *attach =
        box.addButton(tr("&Attach the caller to %1").arg(number), QMessageBox::AcceptRole);
    QPushButton *different =
        box.addButton(tr("Create anyway: a d&ifferent problem"), QMessageBox::ActionRole);
    QPushButton *elsewhere =
        box.addButton(tr("Create anyway: a different &spot"), QMessageBox::ActionRole);
    QPushButton *back = box.addButton(tr("&Go back"), QMessageBox::RejectRole);
    box.setDefaultButton(attach);
    box.setEscapeButton(back);
    box.exec();
    if (box.clickedButton() == attach)
        return DuplicateDecision::Attach;
    if (box.clickedButton() == different) {
        *reason = tr("a different problem from the open requests nearby");
        return DuplicateDecision::CreateAnyway;
    }
    if (box.clickedButton() == elsewhere) {
        *reason = tr("a different spot from the open requests nearby");
        return DuplicateDecision::CreateAnyway;
    }
    return DuplicateDecision::GoBack;
}

IntakeDialogs::Unsubmitted IntakeDialogs::askAboutUnsubmitted(QWidget *parent)
{
    QMessageBox box(QMessageBox::Question, tr("Finish contact"),
                    tr("The request on the form was not submitted. Submit it now (then read "
                       "the number back and finish), discard it, or go back to it?"),
                    QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("unsubmittedRequestMessageBox"));
    QPushButton *submitIt = box.addButton(tr("&Submit it"), QMessageBox::AcceptRole);
    QPushButton *discardIt = box.addButton(tr("&Discard it"), QMessageBox::DestructiveRole);
    QPushButton *back = box.addButton(tr("&Go back"), QMessageBox::RejectRole);
    box.setDefaultButton(back);
    box.setEscapeButton(back);
    box.exec();
    if (box.clickedButton() == submitIt)
        return Unsubmitted::Submit;
    if (box.clickedButton() == discardIt)
        return Unsubmitted::Discard;
    return Unsubmitted::GoBack;
}

} // namespace civicdesk
