#pragma once

#include "models/domain/servicerequest.h"
#include "models/domain/servicetype.h"

#include <QDateTime>
#include <QFrame>
#include <memory>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace civicdesk {

namespace Ui {
class RequestBox;
}

class AddressIndex;
class DistrictLocator;
class LocationBox;
class RequestForm;

// The request on the form: the emergency script or the confidential-type notice, the type's
// questions (RequestForm), the description, the location (LocationBox), the open requests of
// this type nearby with Attach (Ctrl+D), and Submit (Ctrl+Enter).
class RequestBox : public QFrame
{
    Q_OBJECT

public:
    RequestBox(const AddressIndex &addresses, const DistrictLocator &districts,
               QWidget *parent = nullptr);
    ~RequestBox() override;

    RequestForm *form() const;
    QPlainTextEdit *descriptionEdit() const;
    LocationBox *locationBox() const;
    QLabel *emergencyLabel() const;
    QListWidget *duplicateList() const;
    QPushButton *attachButton() const;
    QPushButton *submitButton() const;

    // The questions of `type`, its banners, and the fields an emergency type locks.
    void showType(const ServiceType &type);
    // The open candidates nearby (`placed`: the location is known, so "none" means none).
    void showDuplicates(const QList<ServiceRequest> &candidates, const QDateTime &now, bool placed);
    int duplicateCount() const;
    // Each candidate as listed, and the number of the selected one (the first if none is).
    QStringList duplicateLines() const;
    QString currentDuplicateNumber() const;
    // Empty questions, description, location and candidates.
    void clear();
    // The focusable controls in Tab order: questions, description, location, candidates,
    // Attach, Submit.
    QList<QWidget *> focusChain() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateDuplicatesLabel();

    std::unique_ptr<Ui::RequestBox> m_ui;
    LocationBox *m_location;
    std::optional<ServiceType> m_type;
    bool m_placed = false;
};

} // namespace civicdesk
