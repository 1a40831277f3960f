#pragma once

#include "models/domain/result.h"

#include <QProgressDialog>

class QThread;

namespace civicdesk {

struct CityPack;
struct ImportReport;

// Imports a city pack into the store at `databasePath` on a worker thread (with its own
// connection) while showing progress; the window stays responsive.
class ImportDialog : public QProgressDialog
{
    Q_OBJECT

public:
    // `replaceCity`: a store holding another city gets this one in its place (see
    // CityImporter::setReplaceCity); otherwise such a store is refused.
    ImportDialog(const QString &databasePath, const CityPack &pack, bool replaceCity = false,
                 QWidget *parent = nullptr);
    ~ImportDialog() override;

    // Runs the import to the end; returns its result.
    Result<ImportReport> run();

private:
    QString m_databasePath;
    const CityPack &m_pack;
    bool m_replaceCity = false;
};

} // namespace civicdesk
