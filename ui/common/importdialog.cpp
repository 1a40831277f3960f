#include "ui/common/importdialog.h"

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"

#include <QEventLoop>
#include <QThread>
#include <optional>

namespace civicdesk {

ImportDialog::ImportDialog(const QString &databasePath, const CityPack &pack, bool replaceCity,
                           QWidget *parent)
    : QProgressDialog(parent), m_databasePath(databasePath), m_pack(pack),
      m_replaceCity(replaceCity)
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Loading %1").arg(pack.name));
    setCancelButton(nullptr);
    setRange(0, 1000);
    setMinimumDuration(0);
    setMinimumWidth(480);
    setAutoClose(false);
    setAutoReset(false);
}

ImportDialog::~ImportDialog() = default;

Result<ImportReport> ImportDialog::run()
{
    std::optional<Result<ImportReport>> result;
    QEventLoop loop;
    QThread *worker = QThread::create([this, &result] {
        result = CityImporter::importInto(
            m_databasePath, m_pack, m_replaceCity, [this](const ImportProgress &p) {
                const int value = int(1000.0 * ((p.stepIndex - 1) + p.fraction) / p.stepCount);
                const QString label =
                    tr("Step %1 of %2: %3").arg(p.stepIndex).arg(p.stepCount).arg(p.step);
                QMetaObject::invokeMethod(this, [this, value, label] {
                    setValue(value);
                    setLabelText(label);
                });
            });
    });
    connect(worker, &QThread::finished, &loop, &QEventLoop::quit);
    show();
    worker->start();
    loop.exec();
    worker->wait();
    delete worker;
    hide();
    return std::move(*result);
}

} // namespace civicdesk
